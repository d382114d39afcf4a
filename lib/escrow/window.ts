/**
 * DefaultGuard's rule, mirrored exactly (bigint, no rounding) so the item page can show each 7-day window's paid
 * against owed: over any 7 complete days of the payable period,
 * a product is short when `paid * 1000 * BPS < shortfallBps * Σ(value(day) * units)`, `units` being its hashrate in
 * thousandths of the unit. Exactly the threshold is not short. The page reads the guard's own `windowOf` and
 * `check`; the integration test recomputes the guard's window here, so the two cannot drift apart.
 */
import { BPS } from './record';

/** Where a day's market value comes from (DefaultGuard.windowOf's day `source`, by position). */
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
