import { formatUnits } from 'viem';
import { describe, expect, it } from 'vitest';
import { isFilecoinAddress, filecoinAddressSchema } from './filecoinAddress';
import { dailyYield, dailyYieldCsv, projectedYield, realizedPercent, returnPercent } from './series';

const b32 = (n: number) => 'a2'.repeat(n).slice(0, n);

describe('Filecoin addresses (mirror of IFIL.redeem)', () => {
  it('accepts each protocol at its boundaries', () => {
    for (const a of ['f01', `f0${'9'.repeat(20)}`, `f1${b32(39)}`, `t2${b32(39)}`, `f3${b32(84)}`, 'f410fabc', `f4${'1'.repeat(20)}f${b32(86)}`]) {
      expect(isFilecoinAddress(a), a).toBe(true);
    }
  });
  it('refuses wrong prefixes, lengths and alphabets', () => {
    for (const a of ['', 'f0', `f0${'9'.repeat(21)}`, `f1${b32(38)}`, `f1${b32(40)}`, `f3${b32(83)}`, 'f5abc', 'x01234', 'F01234', `f1${'A'.repeat(39)}`, `f1${'1'.repeat(39)}`, 'f4f', 'f410f', `f410f${b32(87)}`, '0x1234']) {
      expect(isFilecoinAddress(a), a).toBe(false);
    }
    expect(filecoinAddressSchema.safeParse('f099').success).toBe(true);
    expect(filecoinAddressSchema.safeParse('nope').error?.issues[0]?.message).toMatch(/Filecoin address/);
  });
});

describe('daily yield series', () => {
  const tokens = [
    { tokenId: 1_000_001n, productId: 1n, hashrate: 1000n, productUnits: 4000n },
    { tokenId: 2_000_001n, productId: 2n, hashrate: 4000n, productUnits: 8000n },
  ];
  const deposits = [
    { productId: 1n, day: 100n, amount: 4_000n },
    { productId: 1n, day: 100n, amount: 4_000n }, // two deposits on a day add up
    { productId: 2n, day: 101n, amount: 1_000n },
    { productId: 1n, day: 90n, amount: 999n }, // outside the window
  ];
  it('shares each day by hashrate and fills empty days with zero', () => {
    const s = dailyYield(deposits, tokens, 102n, 3);
    expect(s.map((p) => p.day)).toEqual([100n, 101n, 102n]);
    expect(s[0]!.byToken.get(1_000_001n)).toBe(2_000n);
    expect(s[1]!.byToken.get(2_000_001n)).toBe(500n);
    expect(s.map((p) => p.total)).toEqual([2_000n, 500n, 0n]);
  });
  it('projects, compares and prices yield', () => {
    expect(projectedYield(2_000_000_000_000_000n, 4000n, 10n)).toBe(80_000_000_000_000_000n); // 0.002 × 4 × 10
    expect(realizedPercent(60n, 80n)).toBe(75);
    expect(realizedPercent(1n, 0n)).toBeNull();
    // 0.5 FIL at 4.00 USDT against 1.00 USDT paid: 200%
    expect(returnPercent(500_000_000_000_000_000n, 18, 4_000_000n, 1_000_000n)).toBe(200);
  });
  it('exports CSV with a UTC date, a column per NFT and the total', () => {
    const s = dailyYield(deposits, tokens, 101n, 2);
    const csv = dailyYieldCsv(s, [1_000_001n, 2_000_001n], (v) => formatUnits(v, 0), 'IFIL');
    expect(csv).toBe('date_utc,nft_1000001_IFIL,nft_2000001_IFIL,total_IFIL\r\n1970-04-11,2000,0,2000\r\n1970-04-12,0,500,500\r\n');
  });
});
