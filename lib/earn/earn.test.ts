import { describe, expect, it } from 'vitest';
import { parseUnits } from 'viem';
import { aprBps, dmcPrice, dtokenAprBps, ifilPrice, lpMinted, lpValue, perTibPerDay, quoteAdd, quoteRemove, sortReserves, stakeDaily, withSlippage } from './pricing';
import { capReachedAt, emittedAt, HALVING_PERIOD, MINING_CAP, nextHalving, rateAt, schedulePoints } from './schedule';

const S = 1_000_000n; // a start time
const DMC = (v: string) => parseUnits(v, 18);
const USDT = (v: string) => parseUnits(v, 6);

describe('the emission schedule (the whitepaper: 5 DMC per 3-second block, halving every 182.5 days, 50M cap)', () => {
  it('emits 5 DMC per 3 seconds, 26.28M in the first half-year, half the rate after each halving', () => {
    expect(emittedAt(S, S + 3n)).toBe(DMC('5'));
    expect(emittedAt(S, S + HALVING_PERIOD)).toBe(DMC('26280000'));
    expect(rateAt(S, S + HALVING_PERIOD)).toBe(DMC('5') / 6n);
    expect(emittedAt(S, S + 2n * HALVING_PERIOD)).toBe(DMC('39420000'));
  });

  it('stops exactly at 50,000,000 DMC, about 2.2 years in (the series alone would sum to 52.56M)', () => {
    const cap = capReachedAt(S)!;
    expect(emittedAt(S, cap)).toBe(MINING_CAP);
    expect(emittedAt(S, cap - 1n)).toBeLessThan(MINING_CAP);
    expect(emittedAt(S, S + 100n * HALVING_PERIOD)).toBe(MINING_CAP);
    expect(rateAt(S, cap)).toBe(0n);
    expect(nextHalving(S, cap)).toBeNull();
    expect(Number(cap - S) / 86_400 / 365).toBeCloseTo(2.22, 1);
  });

  it('nothing before the start or without one', () => {
    expect(emittedAt(0n, 10n ** 12n)).toBe(0n);
    expect(emittedAt(S, S - 1n)).toBe(0n);
    expect(nextHalving(S, S - 10n)).toBe(S + HALVING_PERIOD);
    expect(schedulePoints(0n, S)).toEqual([]);
  });

  it('chart points: the start, every halving, the cap, and now in order', () => {
    const points = schedulePoints(S, S + 10n);
    expect(points.map((p) => p.kind)).toEqual(['start', 'now', 'halving', 'halving', 'halving', 'halving', 'cap']);
    expect(points.at(-1)!.emitted).toBe(MINING_CAP);
  });

});

describe('pricing at the Uniswap pair’s reserves', () => {
  const r = sortReserves(USDT('100000'), DMC('1000000'), '0xBB', '0xaa', DMC('10000'));
  it('sorts the reserves by token0 and prices DMC in USDT', () => {
    expect(r.dmc).toBe(DMC('1000000'));
    expect(dmcPrice(r)).toBe(USDT('0.1'));
    expect(dmcPrice({ dmc: 0n, usdt: 0n, lpSupply: 0n })).toBeNull();
  });

  it('values LP tokens at twice their USDT side', () => {
    expect(lpValue(DMC('100'), r)).toBe(USDT('2000'));
  });

  it('APR: DMC staked for DMC needs no price; LP and USDT are priced; nothing staked has none', () => {
    const rate = DMC('1'); // 1 DMC a second = 31,536,000 DMC a year
    expect(aprBps('dmc', rate, DMC('31536000'), r)).toBe(10_000n);
    expect(aprBps('usdt', rate, USDT('3153600'), r)).toBe(10_000n); // 3.15M DMC/yr × 0.1 = 3.15M USDT
    expect(aprBps('lp', rate, DMC('100'), r)).toBe((USDT('3153600') * 10_000n) / USDT('2000'));
    expect(aprBps('lp', rate, 0n, r)).toBeNull();
    expect(aprBps('nft', rate, 1000n, r)).toBeNull();
  });

  it('NFT earnings per TiB a day and a stake’s share of the rate', () => {
    expect(perTibPerDay(DMC('1'), 4000n)).toBe(DMC('86400') / 4n);
    expect(stakeDaily(DMC('1'), 1n, 4n)).toBe(DMC('86400') / 4n);
    expect(stakeDaily(DMC('1'), 1n, 0n)).toBe(0n);
  });

  it('adding and removing liquidity as Uniswap V2 does', () => {
    expect(quoteAdd(DMC('10'), r)).toEqual({ usdt: USDT('1') });
    expect(lpMinted(DMC('10'), USDT('1'), r)).toBe(DMC('0.1'));
    expect(quoteRemove(DMC('100'), r)).toEqual({ dmc: DMC('10000'), usdt: USDT('1000') });
    expect(lpMinted(4n, 1_000_000n, { dmc: 0n, usdt: 0n, lpSupply: 0n })).toBe(2000n - 1000n);
    expect(withSlippage(10_000n, 50n)).toBe(9_950n);
  });
});

describe('a joint pool dToken pool’s APR', () => {
  it('is the yearly DMC at the DMC price over the staked dToken at the IFIL price, and null without a price or a stake', () => {
    const ifil = ifilPrice(5_000n * 10n ** 18n, 25_000n * 10n ** 6n, '0xAA', '0xaa'); // 5 USDT per IFIL
    expect(ifil).toBe(5_000_000n);
    expect(ifilPrice(25_000n * 10n ** 6n, 5_000n * 10n ** 18n, '0xBB', '0xaa')).toBe(5_000_000n); // IFIL is token1
    // 1 DMC a second at 0.10 USDT per DMC = 3,153,600 USDT a year; 1,000,000 dToken at 5 USDT = 5,000,000 USDT: 63.072%
    expect(dtokenAprBps(10n ** 18n, 1_000_000n * 10n ** 18n, 100_000n, ifil)).toBe(6_307n);
    expect(dtokenAprBps(10n ** 18n, 0n, 100_000n, ifil)).toBeNull();
    expect(dtokenAprBps(10n ** 18n, 10n ** 18n, null, ifil)).toBeNull();
    expect(dtokenAprBps(10n ** 18n, 10n ** 18n, 100_000n, null)).toBeNull();
    expect(ifilPrice(0n, 1n, '0xaa', '0xaa')).toBeNull();
  });
});
