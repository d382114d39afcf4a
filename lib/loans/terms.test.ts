import { describe, expect, it } from 'vitest';
import { loanMarketAbi } from '@/contracts-abi';
import type { ProductView } from '../market/types';
import { en } from '../i18n/messages/en';
import { zh } from '../i18n/messages/zh';
import {
  amountDueAt,
  collateralValue,
  coverageBps,
  foreclosableAtOf,
  interestFor,
  matchingOffers,
  maturityOf,
  nftMismatch,
  rankOffers,
  repaymentAtMaturity,
  type LoanPosition,
} from './terms';

const DAY = 86_400n;
const NOW = 20_000n * DAY;
const product: ProductView = {
  productId: 2n,
  miner: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  coin: 'FIL',
  nodeId: 'f02097088',
  hashratePerNFT: 4000n,
  nftCount: 10,
  minted: 10,
  termStart: NOW - 45n * DAY,
  termEnd: NOW + 315n * DAY,
  expectedDailyYieldPerUnit: 2_300_000_000_000_000n, // 0.0023 FIL per TiB per day
};
const position = (p: Partial<LoanPosition>): LoanPosition => ({
  id: 1n,
  state: 'Offer',
  kind: 'Nft',
  borrower: null,
  lender: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
  principal: 7_000_000n,
  aprBps: 1200n,
  duration: 30n * DAY,
  start: 0n,
  collateral: 0n,
  productId: 0n,
  coin: 'FIL',
  minHashrate: 0n,
  minTermLeft: 0n,
  grace: 0n,
  feeBps: 0n,
  ...p,
});
const active = { product, status: 'Active' as const };

describe('interest', () => {
  it('is simple and pro rata to the second, rounded up', () => {
    // 7 USDT at 12% for 30 days: 7e6 × 1200 × 30 d / (1e4 × 365 d) = 69,041.09… → 69,042 base units.
    expect(interestFor(7_000_000n, 1200n, 30n * DAY, 30n * DAY)).toBe(69_042n);
    expect(interestFor(7_000_000n, 1200n, 30n * DAY, 30n * DAY + 1n)).toBe(69_042n);
    expect(interestFor(365n * 10_000n, 1n, 365n * DAY, 365n * DAY)).toBe(365n); // exact, no rounding
    expect(interestFor(1_000_000n, 0n, 30n * DAY, 30n * DAY)).toBe(0n);
  });
  it('charges at least 7 days, or the whole duration when it is shorter', () => {
    const week = interestFor(7_000_000n, 1200n, 30n * DAY, 7n * DAY);
    expect(interestFor(7_000_000n, 1200n, 30n * DAY, 0n)).toBe(week);
    expect(interestFor(7_000_000n, 1200n, 30n * DAY, 3n * DAY)).toBe(week);
    expect(interestFor(7_000_000n, 1200n, 30n * DAY, 7n * DAY + 3_600n)).toBeGreaterThan(week);
    expect(interestFor(7_000_000n, 1200n, 2n * DAY, 0n)).toBe(interestFor(7_000_000n, 1200n, 2n * DAY, 2n * DAY));
  });
  it('keeps accruing after maturity; the fee is a share of the interest only', () => {
    const loan = position({ state: 'Active', start: NOW, feeBps: 1000n, grace: 3n * DAY });
    const atMaturity = amountDueAt(loan, maturityOf(loan));
    expect(atMaturity).toEqual({ principal: 7_000_000n, interest: 69_042n, fee: 6_904n, total: 7_069_042n });
    expect(amountDueAt(loan, maturityOf(loan) + 10n * DAY).interest).toBeGreaterThan(atMaturity.interest);
    expect(repaymentAtMaturity(loan, 1000n)).toEqual({ interest: 69_042n, fee: 6_904n, toLender: 7_062_138n });
    expect(foreclosableAtOf(loan) - maturityOf(loan)).toBe(3n * DAY);
  });
});

describe('which NFTs an offer accepts', () => {
  it('by product, or by coin and least hashrate; with enough term left; of an active product', () => {
    expect(nftMismatch(position({ productId: 2n }), active, NOW)).toBeNull();
    expect(nftMismatch(position({ productId: 3n }), active, NOW)).toBe('product');
    expect(nftMismatch(position({ coin: 'BTC' }), active, NOW)).toBe('coin');
    expect(nftMismatch(position({ minHashrate: 4000n }), active, NOW)).toBeNull();
    expect(nftMismatch(position({ minHashrate: 4001n }), active, NOW)).toBe('hashrate');
    expect(nftMismatch(position({ minTermLeft: 315n * DAY }), active, NOW)).toBeNull();
    expect(nftMismatch(position({ minTermLeft: 315n * DAY + 1n }), active, NOW)).toBe('term');
    expect(nftMismatch(position({ productId: 2n }), { product, status: 'Defaulted' }, NOW)).toBe('inactive');
    expect(nftMismatch(position({ productId: 2n }), { product, status: null }, NOW)).toBe('inactive');
    expect(nftMismatch(position({ kind: 'Ifil', collateral: 1n }), active, NOW)).toBe('notNftOffer');
  });
  it('a product offer ignores coin and hashrate (the contract does not store them for it)', () => {
    expect(nftMismatch(position({ productId: 2n, coin: 'BTC', minHashrate: 10n ** 9n }), active, NOW)).toBeNull();
  });
  it('ranks by principal (most first), then APR (lowest first), then age; leaves out the borrower’s own offers and closed ones', () => {
    const offers = [
      position({ id: 1n, principal: 5n, aprBps: 900n }),
      position({ id: 2n, principal: 7n, aprBps: 1500n }),
      position({ id: 3n, principal: 7n, aprBps: 1200n }),
      position({ id: 4n, principal: 7n, aprBps: 1200n }),
      position({ id: 5n, principal: 9n, aprBps: 100n, productId: 3n }),
      position({ id: 6n, principal: 9n, aprBps: 100n, state: 'Cancelled' }),
      position({ id: 7n, principal: 8n, aprBps: 100n, lender: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' }),
    ];
    expect(rankOffers(offers).map((o) => o.id)).toEqual([5n, 6n, 7n, 3n, 4n, 2n, 1n]);
    expect(matchingOffers(offers, active, NOW, '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65').map((o) => o.id)).toEqual([3n, 4n, 2n, 1n]);
  });
});

describe('the collateral’s value', () => {
  const price = 4_000_000n; // 4 USDT per FIL
  it('an NFT: expected daily yield × hashrate × term left, in IFIL, at the FIL price', () => {
    // 0.0023 × 4 TiB × 315 days = 2.898 IFIL → 11.592 USDT.
    expect(collateralValue('Nft', 2_000_001n, product, NOW, price)).toBe(11_592_000n);
    expect(collateralValue('Nft', 2_000_001n, product, product.termEnd, price)).toBe(0n);
    expect(collateralValue('Nft', 2_000_001n, { ...product, coin: 'BTC' }, NOW, price)).toBeNull();
  });
  it('IFIL: the amount at the FIL price; coverage against the debt in basis points', () => {
    expect(collateralValue('Ifil', 20n * 10n ** 18n, null, NOW, price)).toBe(80_000_000n);
    expect(coverageBps(80_000_000n, 50_000_000n)).toBe(16_000n);
    expect(coverageBps(1n, 0n)).toBeNull();
  });
});

describe('every LoanMarket revert has words', () => {
  it('in English and Chinese', () => {
    const names = loanMarketAbi.filter((x) => x.type === 'error' && x.name.startsWith('LoanMarket')).map((x) => (x as { name: string }).name);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      expect(en[`errors.${name}` as keyof typeof en], name).toBeTruthy();
      expect(zh[`errors.${name}` as keyof typeof zh], name).toBeTruthy();
    }
  });
});
