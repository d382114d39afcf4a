import { describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { expectedEarnings, expectedYieldLeft, pricePerUnitDay } from './pricing';
import { applyListingsQuery, describeZodError, listingsQuerySchema } from './query';
import { listingFromJson, listingToJson } from './json';
import { INDEX_LISTING_SORTS, indexListingsQuerySchema } from '../index/query';
import { MARKET_SORTS, activeFilterCount, clearedFilters, marketUrlToQuery, marketUrlToSearch, parseMarketUrl } from './urlQuery';
import type { ListingView } from './types';

const DAY = 86_400n;

describe('pricePerUnitDay', () => {
  it('divides the price by hashrate and the term left', () => {
    // 11.90 USDT for 4 TiB over 360 days = 0.0082638… USDT per TiB per day
    expect(pricePerUnitDay(11_900_000n, 4000n, 0n, 360n * DAY, 0n)).toBe(8263n);
  });
  it('uses only the term left once the term has started', () => {
    expect(pricePerUnitDay(1_800_000n, 1000n, 0n, 180n * DAY, 90n * DAY)).toBe(20_000n);
  });
  it('is zero when nothing is left or nothing is sold', () => {
    expect(pricePerUnitDay(1n, 1000n, 0n, DAY, DAY)).toBe(0n);
    expect(pricePerUnitDay(1n, 0n, 0n, DAY, 0n)).toBe(0n);
  });
});

describe('expectedYieldLeft', () => {
  it('multiplies the daily yield per unit by hashrate and days left', () => {
    // 0.0023 FIL per TiB per day × 4 TiB × 360 days = 3.312 FIL
    expect(expectedYieldLeft(2_300_000_000_000_000n, 4000n, 0n, 360n * DAY, 0n)).toBe(3_312_000_000_000_000_000n);
    expect(expectedYieldLeft(1n, 1000n, 0n, DAY, 2n * DAY)).toBe(0n);
  });
});

describe('expectedEarnings', () => {
  it('prices the yield left in USDT and annualizes the net on the price over the term left', () => {
    // 3.312 FIL at 4.00 USDT = 13.248 USDT for 11.90 USDT over 360 days: +1.348 USDT, 1.348 / 11.90 × 365 / 360 = 11.48% a year.
    const e = expectedEarnings(3_312_000_000_000_000_000n, 18, 4_000_000n, 11_900_000n, 360n * DAY);
    expect(e).toEqual({ value: 13_248_000n, net: 1_348_000n, annualBps: 1148n });
    // A loss is negative, rounded toward zero; no rate without a price or term.
    expect(expectedEarnings(10n ** 18n, 18, 1_000_000n, 2_000_000n, 365n * DAY)).toEqual({ value: 1_000_000n, net: -1_000_000n, annualBps: -5000n });
    expect(expectedEarnings(10n ** 18n, 18, 1_000_000n, 0n, DAY).annualBps).toBeNull();
    expect(expectedEarnings(0n, 18, 1_000_000n, 5n, 0n)).toEqual({ value: 0n, net: -5n, annualBps: null });
  });
});

const miner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const other = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as Address;
function listing(tokenId: bigint, price: bigint, opts: Partial<ListingView> & { coin?: 'FIL' | 'BTC' } = {}): ListingView {
  return {
    tokenId,
    seller: opts.seller ?? miner,
    price,
    pricePerUnitDay: opts.pricePerUnitDay ?? price,
    daysLeft: opts.daysLeft ?? 100n,
    primary: opts.primary ?? true,
    product: {
      productId: tokenId / 1_000_000n,
      miner,
      coin: opts.coin ?? 'FIL',
      nodeId: 'f01234',
      hashratePerNFT: 1000n,
      nftCount: 10,
      minted: 10,
      termStart: 0n,
      termEnd: 100n * DAY,
      expectedDailyYieldPerUnit: 1n,
    },
  };
}

describe('listings query', () => {
  const all = [
    listing(1_000_001n, 300n, { pricePerUnitDay: 3n, daysLeft: 10n }),
    listing(1_000_002n, 100n, { pricePerUnitDay: 9n, daysLeft: 30n }),
    listing(2_000_001n, 200n, { coin: 'BTC', pricePerUnitDay: 1n, daysLeft: 20n }),
    listing(1_000_003n, 100n, { seller: other, primary: false, pricePerUnitDay: 9n, daysLeft: 30n }),
  ];
  const q = (raw: Record<string, string>) => listingsQuerySchema.parse(raw);

  it('applies defaults', () => {
    expect(q({})).toEqual({ sort: 'unit_price_asc', limit: 24, offset: 0 });
  });
  it('sorts, breaking ties by token id for stable pages', () => {
    expect(applyListingsQuery(all, q({ sort: 'price_asc' })).items.map((l) => l.tokenId)).toEqual([1_000_002n, 1_000_003n, 2_000_001n, 1_000_001n]);
    expect(applyListingsQuery(all, q({ sort: 'unit_price_asc' })).items.map((l) => l.tokenId)).toEqual([2_000_001n, 1_000_001n, 1_000_002n, 1_000_003n]);
    expect(applyListingsQuery(all, q({ sort: 'term_left_asc' })).items[0]!.tokenId).toBe(1_000_001n);
    expect(applyListingsQuery(all, q({ sort: 'price_desc' })).items[0]!.tokenId).toBe(1_000_001n);
  });
  it('filters by coin, sale type, seller, miner and product', () => {
    expect(applyListingsQuery(all, q({ coin: 'BTC' })).total).toBe(1);
    expect(applyListingsQuery(all, q({ sale: 'resale' })).items.map((l) => l.tokenId)).toEqual([1_000_003n]);
    expect(applyListingsQuery(all, q({ seller: other.toLowerCase() })).total).toBe(1);
    expect(applyListingsQuery(all, q({ miner: miner.toUpperCase().replace('0X', '0x') })).total).toBe(4);
    expect(applyListingsQuery(all, q({ product: '2' })).total).toBe(1);
  });
  it('pages with limit and offset and reports the total', () => {
    const page = applyListingsQuery(all, q({ sort: 'price_asc', limit: '2', offset: '2' }));
    expect(page.total).toBe(4);
    expect(page.items.map((l) => l.tokenId)).toEqual([2_000_001n, 1_000_001n]);
  });
  it('rejects bad input with a message naming the parameter', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ limit: '500' }, /^limit: /],
      [{ limit: 'ten' }, /^limit: /],
      [{ offset: '-1' }, /^offset: /],
      [{ coin: 'DOGE' }, /^coin: /],
      [{ sort: 'cheapest' }, /^sort: /],
      [{ miner: '0x123' }, /^miner: must be a 0x-prefixed 20-byte hex address/],
      [{ colour: 'red' }, /unknown parameter\(s\): colour/],
    ];
    for (const [raw, message] of cases) {
      const r = listingsQuerySchema.safeParse(raw);
      expect(r.success).toBe(false);
      expect(describeZodError(r.error!)).toMatch(message);
    }
  });
});

describe('listing JSON', () => {
  it('round-trips bigints through strings', () => {
    const l = listing(7_000_123n, 2n ** 90n);
    const json = JSON.parse(JSON.stringify(listingToJson(l)));
    expect(json.price).toBe((2n ** 90n).toString());
    expect(listingFromJson(json)).toEqual(l);
  });
});

describe('market URL state', () => {
  it('reads and writes shareable filters, falling back on garbage', () => {
    const s = parseMarketUrl(new URLSearchParams('coin=FIL&sale=resale&sort=price_desc&page=3'));
    expect(s).toEqual({ coin: 'FIL', sale: 'resale', sort: 'price_desc', page: 3 });
    expect(marketUrlToSearch(s)).toBe('?coin=FIL&sale=resale&sort=price_desc&page=3');
    expect(marketUrlToQuery(s)).toMatchObject({ limit: '24', offset: '48' });
    expect(parseMarketUrl({ coin: 'DOGE', page: '-4', sort: 'x', minPrice: '1e3', maxDays: '-1', type: 'dutch' })).toEqual({ sort: 'unit_price_asc', page: 1 });
    expect(marketUrlToSearch(parseMarketUrl({}))).toBe('');
  });

  it('keeps amounts in USDT in the URL and sends base units to the API', () => {
    const s = parseMarketUrl(new URLSearchParams('type=auction&minPrice=1.5&maxPrice=20&minUnit=0.005&minDays=30&maxDays=400&q=f0188&sort=ending_soon'));
    expect(s).toMatchObject({ type: 'auction', minPrice: 1_500_000n, maxPrice: 20_000_000n, minUnit: 5_000n, minDays: 30, maxDays: 400, q: 'f0188', sort: 'ending_soon' });
    expect(marketUrlToSearch(s)).toBe('?type=auction&minPrice=1.5&maxPrice=20&minUnit=0.005&minDays=30&maxDays=400&q=f0188&sort=ending_soon');
    expect(marketUrlToQuery(s)).toEqual({
      sort: 'ending_soon', limit: '24', offset: '0', type: 'auction', minPrice: '1500000', maxPrice: '20000000', minUnitPrice: '5000',
      minDaysLeft: '30', maxDaysLeft: '400', q: 'f0188',
    });
    expect(activeFilterCount(s)).toBe(7);
    // What the page asks for is what the API accepts, and the page offers every sort the API has.
    expect(indexListingsQuerySchema.safeParse(marketUrlToQuery(s)).success).toBe(true);
    expect([...MARKET_SORTS].sort()).toEqual([...INDEX_LISTING_SORTS].sort());
    expect(marketUrlToSearch(clearedFilters(s))).toBe('?sort=ending_soon');
  });

  it('"only miners paying in full" is paying=1 in the URL and health=paying for the API; anything else is off', () => {
    const s = parseMarketUrl(new URLSearchParams('paying=1&coin=FIL'));
    expect(s).toEqual({ coin: 'FIL', paying: true, sort: 'unit_price_asc', page: 1 });
    expect(marketUrlToSearch(s)).toBe('?coin=FIL&paying=1');
    expect(marketUrlToQuery(s)).toMatchObject({ health: 'paying' });
    expect(indexListingsQuerySchema.safeParse(marketUrlToQuery(s)).success).toBe(true);
    expect(activeFilterCount(s)).toBe(2);
    expect(parseMarketUrl({ paying: 'yes' }).paying).toBeUndefined();
    expect(indexListingsQuerySchema.safeParse({ health: 'short' }).success).toBe(false);
  });
});
