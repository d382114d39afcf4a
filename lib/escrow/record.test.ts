import { describe, expect, it } from 'vitest';
import {
  bpsToPercent,
  classifyDay,
  completeTermDays,
  dailyRate,
  daysOfCover,
  daysSinceLastPayment,
  fundCoverage,
  guardWindow,
  minerRecord,
} from './record';

const FIL = 10n ** 18n;
// 10 NFTs × 4 TiB = 40 TiB = 40,000 thousandths; median 0.00235 FIL per TiB per day.
const UNITS = 40_000n;
const MEDIAN = (235n * FIL) / 100_000n;
const FULL = (MEDIAN * UNITS) / 1000n; // what 40 TiB earn at the median

describe('classifyDay (DefaultGuard’s exact comparison)', () => {
  it('exactly 80% of the median is paid, one base unit less is short', () => {
    const eighty = (FULL * 8000n) / 10_000n;
    expect(classifyDay({ day: 1n, paid: eighty, median: MEDIAN }, UNITS, 8000n).kind).toBe('paid');
    expect(classifyDay({ day: 1n, paid: eighty - 1n, median: MEDIAN }, UNITS, 8000n).kind).toBe('short');
  });
  it('nothing paid is missing, with or without an oracle value', () => {
    expect(classifyDay({ day: 1n, paid: 0n, median: MEDIAN }, UNITS, 8000n)).toMatchObject({ kind: 'missing', hasOracle: true });
    expect(classifyDay({ day: 1n, paid: 0n, median: 0n }, UNITS, 8000n)).toMatchObject({ kind: 'missing', hasOracle: false });
  });
  it('anything paid counts on a day without an oracle value', () => {
    expect(classifyDay({ day: 1n, paid: 1n, median: 0n }, UNITS, 8000n)).toMatchObject({ kind: 'paid', hasOracle: false });
  });
});

describe('minerRecord', () => {
  it('counts on-time, short and missing days and averages the shortfall over days with an oracle value', () => {
    const days = [
      { day: 10n, paid: FULL, median: MEDIAN }, // 0% short
      { day: 11n, paid: (FULL * 7n) / 10n, median: MEDIAN }, // 30% short
      { day: 12n, paid: 0n, median: MEDIAN }, // 100% short
      { day: 13n, paid: 5n, median: 0n }, // no oracle: on time, not in the average
      { day: 14n, paid: FULL * 2n, median: MEDIAN }, // overpaid: 0%
    ];
    const r = minerRecord(days, UNITS, 8000n);
    expect(r).toMatchObject({ days: 5, onTime: 3, short: 1, missing: 1, noOracle: 1 });
    expect(r.avgShortfallBps).toBe((0n + 3000n + 10_000n + 0n) / 4n);
    expect(bpsToPercent(r.avgShortfallBps!)).toBe('32.5');
  });
  it('has no average without any oracle value', () => {
    expect(minerRecord([{ day: 1n, paid: 1n, median: 0n }], UNITS, 8000n).avgShortfallBps).toBeNull();
    expect(minerRecord([], UNITS, 8000n)).toMatchObject({ days: 0, onTime: 0, avgShortfallBps: null });
  });
});

describe('term days and the guard window', () => {
  it('lists the complete days from the first day to yesterday, inside the term', () => {
    expect(completeTermDays(100n, 200n, 100n)).toEqual([]);
    expect(completeTermDays(100n, 200n, 103n)).toEqual([100n, 101n, 102n]);
    expect(completeTermDays(100n, 102n, 150n)).toEqual([100n, 101n]); // the end day is exclusive
    expect(completeTermDays(100n, 2000n, 1000n, 3)).toEqual([997n, 998n, 999n]);
  });
  it('the guard looks at today − 7 .. today − 1', () => {
    expect(guardWindow(50n)).toEqual([43n, 44n, 45n, 46n, 47n, 48n, 49n]);
  });
  it('days since the last payment', () => {
    expect(daysSinceLastPayment(0n, 50n)).toBeNull();
    expect(daysSinceLastPayment(38n, 50n)).toBe(12n);
    expect(daysSinceLastPayment(50n, 50n)).toBe(0n);
  });
});

describe('days of cover (RevenueEscrow’s rate)', () => {
  it('is the unreleased amount over the daily rate, rounded down', () => {
    // 11.305 USDT over 360 days: rate 31,402 base units a day (remainder 280 released on the end day).
    const s = { amount: 11_305_000n, startDay: 0n, endDay: 360n, released: 31_402n * 44n, unreleased: 11_305_000n - 31_402n * 44n };
    expect(dailyRate(s)).toBe(31_402n);
    expect(daysOfCover(s)).toBe(316n); // 360 − 44 days, plus the remainder that does not make a whole day
    expect(daysOfCover({ ...s, released: s.amount, unreleased: 0n })).toBe(0n);
    expect(daysOfCover({ amount: 0n, startDay: 0n, endDay: 0n, released: 0n, unreleased: 0n })).toBeNull();
  });
});

describe('fundCoverage', () => {
  it('compares free USDT with the unreleased escrow of running products; halted ones are owed separately', () => {
    const c = fundCoverage(50n, [
      { credited: 300n, released: 100n, refunded: 0n, halted: false },
      { credited: 100n, released: 20n, refunded: 30n, halted: true },
    ]);
    expect(c).toEqual({ runningUnreleased: 200n, haltedUnclaimed: 50n, coverageBps: 2500n });
    expect(fundCoverage(50n, []).coverageBps).toBeNull();
  });
});
