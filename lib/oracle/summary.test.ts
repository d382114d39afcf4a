import { describe, expect, it } from 'vitest';
import { summarizeDay } from './summary';

const a = '0x00000000000000000000000000000000000000a1';
const b = '0x00000000000000000000000000000000000000b2';
const c = '0x00000000000000000000000000000000000000c3';
const d = '0x00000000000000000000000000000000000000d4';

describe('summarizeDay', () => {
  it('spreads only over the reports that entered the value', () => {
    // b reported 100x (an outlier), d was revoked: neither widens the spread
    const day = summarizeDay(20_000n, [a, b, c, d], [100n, 10_000n, 120n, 1n], [0, 1, 0, 2], 110n);
    expect(day.reports.map((r) => r.status)).toEqual(['used', 'outlier', 'used', 'revoked']);
    expect(day.counting).toBe(3);
    expect([day.low, day.high]).toEqual([100n, 120n]);
    expect(day.spreadBps).toBe(1818n); // (120 - 100) / 110
  });

  it('has no spread for a day without a value', () => {
    const day = summarizeDay(20_000n, [a, b], [100n, 110n], [0, 0], 0n);
    expect(day.counting).toBe(2);
    expect([day.low, day.high, day.spreadBps]).toEqual([null, null, null]);
  });
});
