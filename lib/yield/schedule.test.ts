import { describe, expect, it } from 'vitest';
import { parseUnits } from 'viem';
import { claimGroups, dayWindow, daysDue, expectedDayAmount, obligations, payableDays } from './schedule';
import { redeemFormSchema } from './redeemForm';

const D = 86_400n;
// A 10-day term starting at the beginning of day 100: days 100..109.
const start = 100n * D;
const end = 110n * D;

describe('yield calendar (the rule of YieldDistributor.deposit)', () => {
  it('windows the payable days by the term and today', () => {
    expect(dayWindow(start, end, 99n * D + 5n)).toEqual({ firstDay: 100n, lastDay: 109n, today: 99n, latest: null });
    expect(dayWindow(start, end, 103n * D + 7_000n)).toEqual({ firstDay: 100n, lastDay: 109n, today: 103n, latest: 103n });
    expect(dayWindow(start, end, 150n * D).latest).toBe(109n);
    // A term starting mid-day: its first day is the day it starts.
    expect(dayWindow(start + 3_600n, end + 3_600n, 100n * D).firstDay).toBe(100n);
  });
  it('counts days due so far, capped by the term', () => {
    expect(daysDue(dayWindow(start, end, 99n * D))).toBe(0n);
    expect(daysDue(dayWindow(start, end, 100n * D))).toBe(1n);
    expect(daysDue(dayWindow(start, end, 103n * D))).toBe(4n);
    expect(daysDue(dayWindow(start, end, 500n * D))).toBe(10n);
  });
  it('computes one day of a product at the expected rate', () => {
    // 0.0024 IFIL per TiB per day × 8 NFTs × 1 TiB (1000 thousandths)
    expect(expectedDayAmount(parseUnits('0.0024', 18), 8, 1000n)).toBe(parseUnits('0.0192', 18));
    expect(expectedDayAmount(parseUnits('0.0023', 18), 10, 4000n)).toBe(parseUnits('0.092', 18));
  });
  it('offers today, then earlier unpaid days, newest first', () => {
    const w = dayWindow(start, end, 104n * D);
    expect(payableDays(w, new Set([104n, 102n]))).toEqual([104n, 103n, 101n, 100n]);
    expect(payableDays(w, new Set(), 2)).toEqual([104n, 103n]);
    expect(payableDays(dayWindow(start, end, 99n * D), new Set())).toEqual([]);
    // After the term only its last day and unpaid earlier ones.
    expect(payableDays(dayWindow(start, end, 200n * D), new Set([109n, 108n, 107n, 106n, 105n, 104n, 103n, 102n]))).toEqual([109n, 101n, 100n]);
  });
  it('says what is still to pay', () => {
    const w = dayWindow(start, end, 104n * D);
    expect(obligations(w, new Set([100n, 101n, 99n]), 5n)).toEqual({ daysLeft: 5n, unpaidDays: 8n, overdueDays: 3n, expectedToPay: 40n });
    expect(obligations(dayWindow(start, end, 90n * D), new Set(), 1n)).toMatchObject({ daysLeft: 10n, unpaidDays: 10n, overdueDays: 0n });
    expect(obligations(dayWindow(start, end, 300n * D), new Set(), 1n)).toMatchObject({ daysLeft: 0n, overdueDays: 10n });
  });
});

describe('claim all', () => {
  it('claims once per yield token, only what has something, ids sorted', () => {
    const groups = claimGroups([
      { tokenId: 2_000_003n, coin: 'FIL', claimable: 5n },
      { tokenId: 9_000_001n, coin: 'BTC', claimable: 7n },
      { tokenId: 1_000_001n, coin: 'FIL', claimable: 3n },
      { tokenId: 1_000_002n, coin: 'FIL', claimable: 0n },
    ]);
    expect(groups).toEqual([
      { coin: 'FIL', tokenIds: [1_000_001n, 2_000_003n], total: 8n },
      { coin: 'BTC', tokenIds: [9_000_001n], total: 7n },
    ]);
    expect(claimGroups([{ tokenId: 1n, coin: 'FIL', claimable: 0n }])).toEqual([]);
  });
});

describe('redeem form', () => {
  const f1 = `f1${'a2'.repeat(20).slice(0, 39)}`;
  const schema = redeemFormSchema(parseUnits('2', 18));
  it('parses a valid amount and address', () => {
    expect(schema.parse({ amount: ' 1.5 ', filecoinAddress: ` ${f1} ` })).toEqual({ amount: parseUnits('1.5', 18), filecoinAddress: f1 });
    expect(schema.parse({ amount: '2', filecoinAddress: 'f01234' }).amount).toBe(parseUnits('2', 18));
  });
  it('refuses with message keys', () => {
    const issues = (v: { amount: string; filecoinAddress: string }) => schema.safeParse(v).error?.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(issues({ amount: '0', filecoinAddress: f1 })).toEqual(['amount:ifil.form.amountInvalid']);
    expect(issues({ amount: 'abc', filecoinAddress: f1 })).toEqual(['amount:ifil.form.amountInvalid']);
    expect(issues({ amount: '2.000000000000000001', filecoinAddress: f1 })).toEqual(['amount:ifil.form.amountAboveBalance']);
    expect(issues({ amount: '1', filecoinAddress: 'f1short' })).toEqual(['filecoinAddress:ifil.form.addressInvalid']);
    expect(issues({ amount: '1', filecoinAddress: f1.toUpperCase() })).toEqual(['filecoinAddress:ifil.form.addressInvalid']);
  });
});
