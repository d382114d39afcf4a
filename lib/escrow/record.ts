/**
 * Pure arithmetic of the default feature, mirroring DefaultGuard and RevenueEscrow exactly (bigint, no rounding
 * up), so the item page, the tests and the contracts agree on what "on time", "short" and "cover" mean.
 */

export const BPS = 10_000n;
/** DefaultGuard.WINDOW_DAYS: the complete days a default needs. */
export const WINDOW_DAYS = 7n;

/** One complete UTC day of a product: what the miner deposited and the oracle's median per whole unit (0: none). */
export type PaidDay = { day: bigint; paid: bigint; median: bigint };

/** How a day looks: paid (≥ the threshold, or anything when the oracle has no value), short, or nothing paid. */
export type DayKind = 'paid' | 'short' | 'missing';
export type ClassifiedDay = PaidDay & { kind: DayKind; hasOracle: boolean };

/**
 * DefaultGuard's comparison, exact: a day is short when `paid * 1000 * BPS < median * shortfallBps * units`
 * (`units` = minted × hashrate per NFT, in thousandths of the unit). No oracle value → anything paid counts.
 */
export function classifyDay(d: PaidDay, units: bigint, shortfallBps: bigint): ClassifiedDay {
  const hasOracle = d.median > 0n;
  if (d.paid === 0n) return { ...d, kind: 'missing', hasOracle };
  if (!hasOracle) return { ...d, kind: 'paid', hasOracle };
  const short = d.paid * 1000n * BPS < d.median * shortfallBps * units;
  return { ...d, kind: short ? 'short' : 'paid', hasOracle };
}

export type MinerRecord = {
  /** Complete days counted (the term so far, up to yesterday). */
  days: number;
  /** Days paid at or above the threshold (or anything paid where the oracle had no value). */
  onTime: number;
  short: number;
  missing: number;
  /** Days without an oracle value. */
  noOracle: number;
  /**
   * Average over the days with an oracle value of each day's shortfall below the oracle median, in basis points
   * (a day paid at or above the median counts 0; a day with nothing paid counts 10,000). Null: no such day.
   */
  avgShortfallBps: bigint | null;
  classified: ClassifiedDay[];
};

/** The miner's record over the given complete days (oldest first). */
export function minerRecord(days: PaidDay[], units: bigint, shortfallBps: bigint): MinerRecord {
  const classified = days.map((d) => classifyDay(d, units, shortfallBps));
  let shortfallSum = 0n;
  let withOracle = 0n;
  for (const d of classified) {
    if (!d.hasOracle || units === 0n) continue;
    withOracle++;
    // expected = median * units / 1000; shortfall = 1 - paid / expected, in bps, floored at 0.
    const expected = d.median * units;
    const paidScaled = d.paid * 1000n * BPS;
    const ratio = paidScaled / expected; // bps of the median paid, rounded down
    shortfallSum += ratio >= BPS ? 0n : BPS - ratio;
  }
  return {
    days: classified.length,
    onTime: classified.filter((d) => d.kind === 'paid').length,
    short: classified.filter((d) => d.kind === 'short').length,
    missing: classified.filter((d) => d.kind === 'missing').length,
    noOracle: classified.filter((d) => !d.hasOracle).length,
    avgShortfallBps: withOracle === 0n ? null : shortfallSum / withOracle,
    classified,
  };
}

/**
 * The complete days of a product's term so far: from its first day (`termStart / 1 day`) to yesterday, never past
 * its last day (`termEnd / 1 day - 1`), at most `max` of the latest. Oldest first.
 */
export function completeTermDays(firstDay: bigint, endDay: bigint, today: bigint, max = 365): bigint[] {
  const last = (today - 1n < endDay - 1n ? today - 1n : endDay - 1n);
  if (last < firstDay) return [];
  let from = firstDay;
  if (last - from + 1n > BigInt(max)) from = last - BigInt(max) + 1n;
  const out: bigint[] = [];
  for (let d = from; d <= last; d++) out.push(d);
  return out;
}

/** The guard's window: the `WINDOW_DAYS` complete days before today (`today - 7` .. `today - 1`). */
export function guardWindow(today: bigint): bigint[] {
  const out: bigint[] = [];
  for (let d = today - WINDOW_DAYS; d < today; d++) out.push(d);
  return out;
}

/** Whole days since the last deposit (null when the product was never paid: `lastDepositDay == 0`). */
export function daysSinceLastPayment(lastDepositDay: bigint, today: bigint): bigint | null {
  if (lastDepositDay === 0n) return null;
  return today > lastDepositDay ? today - lastDepositDay : 0n;
}

/** A token's stream as RevenueEscrow.tokenEscrow returns it. */
export type TokenStream = { amount: bigint; startDay: bigint; endDay: bigint; released: bigint; unreleased: bigint };

/** RevenueEscrow's daily rate of a stream: `amount / (endDay - startDay)`, rounded down (0 for no stream). */
export function dailyRate(s: Pick<TokenStream, 'amount' | 'startDay' | 'endDay'>): bigint {
  if (s.amount === 0n || s.endDay <= s.startDay) return 0n;
  return s.amount / (s.endDay - s.startDay);
}

/**
 * Days of cover: how many more days of release the NFT's unreleased money pays for, `unreleased / dailyRate`
 * rounded down (the rounding remainder released on the end day makes the last day count slightly more). 0 when
 * nothing is left; null without a stream.
 */
export function daysOfCover(s: TokenStream): bigint | null {
  const rate = dailyRate(s);
  if (rate === 0n) return s.amount === 0n ? null : 0n;
  return s.unreleased / rate;
}

/** Percent text of basis points with one decimal, e.g. 3000n → "30.0". */
export function bpsToPercent(bps: bigint): string {
  const whole = bps / 100n;
  const tenth = (bps % 100n) / 10n;
  return `${whole}.${tenth}`;
}

/**
 * What the insurance page says about coverage: the money still in escrow for running (not halted) products,
 * what halted products still owe their holders (already held by the escrow, refundable), and the share of the
 * running products' escrow that the fund's free USDT (balance − earmarked) would cover. DMC is counted, not priced.
 */
export function fundCoverage(
  usdtFree: bigint,
  products: { credited: bigint; released: bigint; refunded: bigint; halted: boolean }[],
): { runningUnreleased: bigint; haltedUnclaimed: bigint; coverageBps: bigint | null } {
  let runningUnreleased = 0n;
  let haltedUnclaimed = 0n;
  for (const p of products) {
    const left = p.credited - p.released - p.refunded;
    if (p.halted) haltedUnclaimed += left;
    else runningUnreleased += left;
  }
  return { runningUnreleased, haltedUnclaimed, coverageBps: runningUnreleased === 0n ? null : (usdtFree * BPS) / runningUnreleased };
}
