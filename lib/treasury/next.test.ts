// nextBuyback: what the Treasury page says the next `buyback()` will do, in the contract's order of rules
// (floor, budget including a month the call would close, price window, hop, price bound).
import { describe, expect, it } from 'vitest';
import { zeroAddress } from 'viem';
import { nextBuyback, nextIfilSale, SUPPLY_FLOOR, type TreasuryState } from './read';

const base: Omit<TreasuryState, 'next'> = {
  now: 10_000n,
  start: 0n,
  monthLength: 2_592_000n,
  month: 0n,
  closedMonths: 0n,
  budget: 500n,
  open: 0n,
  lot: 1_000n,
  hop: 3_600n,
  maxDeviationBps: 200n,
  totalPaid: 0n,
  totalBought: 0n,
  totalBurned: 0n,
  supply: SUPPLY_FLOOR + 1n,
  thisMonth: { other: 0n, market: 0n, loans: 0n, pools: 0n },
  toClose: 0n,
  waiting: { market: 0n, loans: 0n },
  productFees: { ids: [], total: 0n },
  ifil: { pools: [], held: 0n, thisMonth: 0n, pair: zeroAddress, lot: 0n, quote: { paid: 0n, out: 0n, referenceOut: 0n, minOut: 0n, windowStart: 0n, readyAt: 0n, staleAt: 0n }, next: { kind: 'none' } },
  quote: { paid: 500n, out: 90n, referenceOut: 100n, minOut: 98n, windowStart: 5_000n, readyAt: 8_600n, staleAt: 95_000n },
};

describe('nextBuyback', () => {
  it('buys when the window is old enough, and says whether the price is within the bound', () => {
    expect(nextBuyback(base)).toEqual({ kind: 'buy', paid: 500n, out: 90n, minOut: 98n, referenceOut: 100n, inBounds: false });
    expect(nextBuyback({ ...base, quote: { ...base.quote, out: 98n } })).toMatchObject({ kind: 'buy', inBounds: true });
  });

  it('waits for the hop, restarts a missing or stale window', () => {
    expect(nextBuyback({ ...base, now: 8_599n })).toEqual({ kind: 'wait', readyAt: 8_600n });
    expect(nextBuyback({ ...base, quote: { ...base.quote, windowStart: 0n } })).toEqual({ kind: 'window' });
    expect(nextBuyback({ ...base, now: 95_001n })).toEqual({ kind: 'window' });
  });

  it('counts the 80% of an ended month the call would close, and nothing when there is no budget', () => {
    expect(nextBuyback({ ...base, budget: 0n })).toEqual({ kind: 'empty' });
    const closing = { ...base, budget: 0n, month: 1n, toClose: 1_000n, quote: { ...base.quote, windowStart: 0n } };
    expect(nextBuyback(closing)).toEqual({ kind: 'window' });
  });

  it('at the floor, sends the budget to the treasury (or has nothing to do)', () => {
    expect(nextBuyback({ ...base, supply: SUPPLY_FLOOR })).toEqual({ kind: 'floor' });
    expect(nextBuyback({ ...base, supply: SUPPLY_FLOOR, budget: 0n })).toEqual({ kind: 'empty' });
  });
});

describe('nextIfilSale', () => {
  const pair = '0x00000000000000000000000000000000000000aa' as const;
  const q = { paid: 50n, out: 240n, referenceOut: 250n, minOut: 245n, windowStart: 5_000n, readyAt: 8_600n, staleAt: 95_000n };

  it('sells a lot once the window is a hop old, and says whether the price is within the bound', () => {
    expect(nextIfilSale(10_000n, 70n, pair, q)).toEqual({ kind: 'sell', paid: 50n, out: 240n, minOut: 245n, referenceOut: 250n, inBounds: false });
    expect(nextIfilSale(10_000n, 70n, pair, { ...q, out: 245n })).toMatchObject({ kind: 'sell', inBounds: true });
  });

  it('follows the contract: no market (forwarded), nothing held, a missing or stale window, the hop', () => {
    expect(nextIfilSale(10_000n, 70n, zeroAddress, q)).toEqual({ kind: 'none' });
    expect(nextIfilSale(10_000n, 0n, pair, q)).toEqual({ kind: 'empty' });
    expect(nextIfilSale(10_000n, 70n, pair, { ...q, windowStart: 0n })).toEqual({ kind: 'window' });
    expect(nextIfilSale(95_001n, 70n, pair, q)).toEqual({ kind: 'window' });
    expect(nextIfilSale(8_599n, 70n, pair, q)).toEqual({ kind: 'wait', readyAt: 8_600n });
  });
});
