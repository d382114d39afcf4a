/**
 * DefaultGuard's rule, mirrored exactly (bigint, no rounding) so the item page can show each 7-day window's paid
 * against owed and point at a window the guard will accept: over any 7 complete days of the enforceable period,
 * a product is short when `paid * 1000 * BPS < shortfallBps * Σ(value(day) * units)`, `units` being its hashrate in
 * thousandths of the unit. Exactly the threshold is not short. The page still asks the guard (`window`) before it
 * offers the flag, so a difference here can only hide a button, never send a doomed transaction.
 */
import { BPS, WINDOW_DAYS } from './record';

/** Where a day's market value comes from (DefaultGuard.valueOn's `source`, by position). */
export const VALUE_SOURCES = ['oracle', 'carried', 'declared'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

export function valueSource(index: number): ValueSource {
  return VALUE_SOURCES[index] ?? 'declared';
}

/** One complete day: what was deposited for it and the market value per whole unit the guard uses. */
export type WindowDay = { day: bigint; paid: bigint; value: bigint; source: ValueSource };

export type WindowSums = {
  start: bigint;
  days: WindowDay[];
  paid: bigint;
  /** Σ value × units: what was owed, times 1000 (kept unrounded for the exact comparison). */
  owedScaled: bigint;
  /** What was owed, in the yield token's base units, rounded down (as the guard's `window` view returns it). */
  owed: bigint;
  short: boolean;
  /** Paid as a share of owed, in basis points, rounded down; null when nothing was owed. */
  paidBps: bigint | null;
};

/** The guard's comparison: short when paid is below `shortfallBps` of owed, exactly. */
export function isShort(paid: bigint, owedScaled: bigint, shortfallBps: bigint): boolean {
  return paid * 1000n * BPS < shortfallBps * owedScaled;
}

/** Sums of one window (its days oldest first) for a product of `units` thousandths of a unit. */
export function windowSums(days: WindowDay[], units: bigint, shortfallBps: bigint): WindowSums {
  let paid = 0n;
  let owedScaled = 0n;
  for (const d of days) {
    paid += d.paid;
    owedScaled += d.value * units;
  }
  return {
    start: days[0]?.day ?? 0n,
    days,
    paid,
    owedScaled,
    owed: owedScaled / 1000n,
    short: isShort(paid, owedScaled, shortfallBps),
    paidBps: owedScaled === 0n ? null : (paid * 1000n * BPS) / owedScaled,
  };
}

/**
 * Every window start the guard accepts today, oldest first: the window lies in [firstPayableDay, lastDay] and is
 * complete (`start + 7 <= today`).
 */
export function windowStarts(firstPayableDay: bigint, lastDay: bigint, today: bigint): bigint[] {
  const latestByTime = today - WINDOW_DAYS;
  const latestByTerm = lastDay - WINDOW_DAYS + 1n;
  const latest = latestByTime < latestByTerm ? latestByTime : latestByTerm;
  const out: bigint[] = [];
  for (let s = firstPayableDay; s <= latest; s++) out.push(s);
  return out;
}

/** The window starting at `start`, from days keyed by day number (every day of it must be present). */
export function windowAt(byDay: Map<bigint, WindowDay>, start: bigint, units: bigint, shortfallBps: bigint): WindowSums {
  const days: WindowDay[] = [];
  for (let d = start; d < start + WINDOW_DAYS; d++) {
    const day = byDay.get(d);
    if (!day) throw new Error(`day ${d} of the window starting ${start} was not read`);
    days.push(day);
  }
  return windowSums(days, units, shortfallBps);
}

/** The short windows among `starts`, oldest first. */
export function shortWindows(byDay: Map<bigint, WindowDay>, starts: bigint[], units: bigint, shortfallBps: bigint): WindowSums[] {
  return starts.map((s) => windowAt(byDay, s, units, shortfallBps)).filter((w) => w.short);
}
