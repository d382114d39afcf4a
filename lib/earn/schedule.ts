/**
 * DMC mining's emission schedule, mirrored from DMCMining (a test checks the two agree on a deployed chain):
 * 5 DMC per 3-second block of the whitepaper, expressed per second (5/3 DMC a second), halving every 182.5 days
 * from the start the DAO sets, stopping exactly at the 50,000,000 DMC mining reserve.
 * Amounts are DMC base units (18 decimals); times are unix seconds.
 */
export const MINING_CAP = 50_000_000n * 10n ** 18n;
export const HALVING_PERIOD = 15_768_000n; // 182.5 days
export const FIRST_ERA_EMISSION = 26_280_000n * 10n ** 18n;
export const RATE_NUMERATOR = 5n * 10n ** 18n;
export const RATE_DENOMINATOR = 3n;
export const SECONDS_PER_DAY = 86_400n;
export const SECONDS_PER_YEAR = 31_536_000n; // 365 days
const MAX_ERAS = 8n;

/** The three programs, in the contract's order (DMCMining.Program). */
export const PROGRAMS = ['behaviour', 'liquidity', 'staking'] as const;
export type Program = (typeof PROGRAMS)[number];

/** DMC emitted from `start` until `time` (0 before the start or without one), never above the cap. */
export function emittedAt(start: bigint, time: bigint): bigint {
  if (start === 0n || time <= start) return 0n;
  const dt = time - start;
  const eras = dt / HALVING_PERIOD;
  if (eras >= MAX_ERAS) return MINING_CAP;
  let total = 0n;
  for (let k = 0n; k < eras; k++) total += FIRST_ERA_EMISSION >> k;
  total += (RATE_NUMERATOR * (dt - eras * HALVING_PERIOD)) / (RATE_DENOMINATOR << eras);
  return total > MINING_CAP ? MINING_CAP : total;
}

/** The whole emission's rate at `time`, in base units per second (0 before the start and after the cap). */
export function rateAt(start: bigint, time: bigint): bigint {
  if (start === 0n || time < start || emittedAt(start, time) >= MINING_CAP) return 0n;
  return RATE_NUMERATOR / (RATE_DENOMINATOR << ((time - start) / HALVING_PERIOD));
}

/** When the rate next halves after `now` (null without a start or once the cap is reached). */
export function nextHalving(start: bigint, now: bigint): bigint | null {
  if (start === 0n || emittedAt(start, now) >= MINING_CAP) return null;
  if (now < start) return start + HALVING_PERIOD;
  return start + ((now - start) / HALVING_PERIOD + 1n) * HALVING_PERIOD;
}

/** The first second at which emission reaches the cap (null without a start). */
export function capReachedAt(start: bigint): bigint | null {
  if (start === 0n) return null;
  let before = 0n;
  for (let k = 0n; k < MAX_ERAS; k++) {
    const era = FIRST_ERA_EMISSION >> k;
    if (before + era >= MINING_CAP) {
      const left = MINING_CAP - before;
      const den = RATE_DENOMINATOR << k;
      return start + k * HALVING_PERIOD + (left * den + RATE_NUMERATOR - 1n) / RATE_NUMERATOR;
    }
    before += era;
  }
  return null;
}

/** Points of the cumulative emission for a chart: every halving, the cap, and `now`, from the start to past the cap. */
export function schedulePoints(start: bigint, now: bigint): { time: bigint; emitted: bigint; kind: 'start' | 'halving' | 'cap' | 'now' }[] {
  if (start === 0n) return [];
  const cap = capReachedAt(start)!;
  const points: { time: bigint; emitted: bigint; kind: 'start' | 'halving' | 'cap' | 'now' }[] = [{ time: start, emitted: 0n, kind: 'start' }];
  for (let t = start + HALVING_PERIOD; t < cap; t += HALVING_PERIOD) points.push({ time: t, emitted: emittedAt(start, t), kind: 'halving' });
  points.push({ time: cap, emitted: MINING_CAP, kind: 'cap' });
  if (now > start && now < cap) points.push({ time: now, emitted: emittedAt(start, now), kind: 'now' });
  return points.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
