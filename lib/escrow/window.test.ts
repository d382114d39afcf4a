import { describe, expect, it } from 'vitest';
import { isShort, windowSums, type WindowDay } from './window';

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
