import { describe, expect, it } from 'vitest';
import { isShort, shortWindows, windowAt, windowStarts, windowSums, type WindowDay } from './window';

const BPS80 = 8_000n;
// 4 NFTs of 2 TiB = 8,000 thousandths; a market value of 1e15 per TiB per day owes 8e15 a day.
const UNITS = 8_000n;
const VALUE = 10n ** 15n;
const OWED_DAY = 8n * 10n ** 15n;

const day = (d: number, paid: bigint, value = VALUE): WindowDay => ({ day: BigInt(d), paid, value, source: 'oracle' });

describe('isShort', () => {
  it('is exact: 80% is not short, one base unit less is', () => {
    const owedScaled = OWED_DAY * 7n * 1000n;
    const eighty = (OWED_DAY * 7n * 8n) / 10n;
    expect(isShort(eighty, owedScaled, BPS80)).toBe(false);
    expect(isShort(eighty - 1n, owedScaled, BPS80)).toBe(true);
  });
  it('nothing owed is never short', () => {
    expect(isShort(0n, 0n, BPS80)).toBe(false);
  });
});

describe('windowSums', () => {
  it('sums what was paid against what was owed, however the payments are spread', () => {
    // 80% of one day's value once a week and nothing else: about 11% of what was owed.
    const days = [day(100, (OWED_DAY * 8n) / 10n), ...[101, 102, 103, 104, 105, 106].map((d) => day(d, 0n))];
    const w = windowSums(days, UNITS, BPS80);
    expect(w.paid).toBe((OWED_DAY * 8n) / 10n);
    expect(w.owed).toBe(OWED_DAY * 7n);
    expect(w.short).toBe(true);
    expect(w.paidBps).toBe(1142n);
  });
  it('one big day covers a week', () => {
    const days = [day(100, OWED_DAY * 7n), ...[101, 102, 103, 104, 105, 106].map((d) => day(d, 0n))];
    expect(windowSums(days, UNITS, BPS80).short).toBe(false);
  });
});

describe('windowStarts', () => {
  it('starts at the first payable day and keeps windows complete and inside the term', () => {
    // first payable day 10, last day 29 (a 20-day term), today 40: starts 10..23.
    const starts = windowStarts(10n, 29n, 40n);
    expect(starts[0]).toBe(10n);
    expect(starts.at(-1)).toBe(23n);
    // today 20: only windows ending by day 19 are complete.
    expect(windowStarts(10n, 29n, 20n)).toEqual([10n, 11n, 12n, 13n]);
    // too early: nothing complete yet.
    expect(windowStarts(10n, 29n, 16n)).toEqual([]);
  });
});

describe('shortWindows', () => {
  it('finds a window that is short even though the latest one is not', () => {
    const byDay = new Map<bigint, WindowDay>();
    for (let d = 0; d < 21; d++) byDay.set(BigInt(d), day(d, d < 7 ? 0n : OWED_DAY));
    const starts = windowStarts(0n, 20n, 30n);
    const short = shortWindows(byDay, starts, UNITS, BPS80);
    // 0 of 7 days paid, then 1 of 7 … 5 of 7 (71%) are short; 6 of 7 (86%) is not.
    expect(short.map((w) => w.start)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(windowAt(byDay, 14n, UNITS, BPS80).short).toBe(false);
  });
  it('refuses a window whose days were not read', () => {
    expect(() => windowAt(new Map(), 5n, UNITS, BPS80)).toThrow(/was not read/);
  });
});
