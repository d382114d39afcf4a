import { PAYMENT_DECIMALS } from '../chain/contracts';
import { formatUnits } from 'viem';
import { parseAmount } from '../format/amount';
import { COINS, type Coin } from '../format/hashrate';

export const PAGE_SIZE = 24;

/** The sorts the market page offers: the same names as GET /api/listings (a unit test holds them equal). */
export const MARKET_SORTS = [
  'unit_price_asc',
  'unit_price_desc',
  'price_asc',
  'price_desc',
  'return_desc',
  'ending_soon',
  'newest',
  'term_left_desc',
  'term_left_asc',
] as const;
export type MarketSort = (typeof MARKET_SORTS)[number];
export const DEFAULT_SORT: MarketSort = 'unit_price_asc';

/**
 * The market page's URL state: everything a reader can share. Amounts are what the user typed, in USDT
 * (`minPrice=1.5`), not base units; unit prices are USDT per hashrate unit per day; terms in days.
 */
export type MarketUrlState = {
  coin?: Coin;
  sale?: 'primary' | 'resale';
  type?: 'fixed' | 'auction';
  minPrice?: bigint;
  maxPrice?: bigint;
  minUnit?: bigint;
  maxUnit?: bigint;
  minDays?: number;
  maxDays?: number;
  q?: string;
  /** Only products whose miner is paying in full (`paying=1`). */
  paying?: true;
  sort: MarketSort;
  page: number;
};

const AMOUNT_KEYS = ['minPrice', 'maxPrice', 'minUnit', 'maxUnit'] as const;
const DAY_KEYS = ['minDays', 'maxDays'] as const;

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T | undefined {
  return values.includes(v as T) ? (v as T) : undefined;
}

/** Reads the market URL state; anything malformed falls back to its default instead of failing the page. */
export function parseMarketUrl(params: URLSearchParams | Record<string, string | string[] | undefined>): MarketUrlState {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const s = Array.isArray(v) ? v[0] : (v ?? undefined);
    return s === null || s === '' ? undefined : s;
  };
  const state: MarketUrlState = {
    coin: oneOf(COINS, get('coin')),
    sale: oneOf(['primary', 'resale'] as const, get('sale')),
    type: oneOf(['fixed', 'auction'] as const, get('type')),
    sort: oneOf(MARKET_SORTS, get('sort')) ?? DEFAULT_SORT,
    page: 1,
  };
  for (const k of AMOUNT_KEYS) {
    const v = get(k);
    const units = v === undefined ? null : parseAmount(v, PAYMENT_DECIMALS);
    if (units !== null) state[k] = units;
  }
  for (const k of DAY_KEYS) {
    const v = Number.parseInt(get(k) ?? '', 10);
    if (Number.isFinite(v) && v >= 0 && v <= 100_000) state[k] = v;
  }
  const q = get('q')?.trim().slice(0, 64);
  if (q) state.q = q;
  if (get('paying') === '1') state.paying = true;
  const page = Number.parseInt(get('page') ?? '1', 10);
  state.page = Number.isFinite(page) && page > 0 && page <= 40_000 ? page : 1;
  return state;
}

/** The GET /api/listings query for a URL state (amounts in base units, a page as an offset). */
export function marketUrlToQuery(s: MarketUrlState): Record<string, string> {
  const q: Record<string, string> = { sort: s.sort, limit: String(PAGE_SIZE), offset: String((s.page - 1) * PAGE_SIZE) };
  if (s.coin) q.coin = s.coin;
  if (s.sale) q.sale = s.sale;
  if (s.type) q.type = s.type;
  if (s.minPrice !== undefined) q.minPrice = s.minPrice.toString();
  if (s.maxPrice !== undefined) q.maxPrice = s.maxPrice.toString();
  if (s.minUnit !== undefined) q.minUnitPrice = s.minUnit.toString();
  if (s.maxUnit !== undefined) q.maxUnitPrice = s.maxUnit.toString();
  if (s.minDays !== undefined) q.minDaysLeft = String(s.minDays);
  if (s.maxDays !== undefined) q.maxDaysLeft = String(s.maxDays);
  if (s.q) q.q = s.q;
  if (s.paying) q.health = 'paying';
  return q;
}

/** The page's own query string for a URL state ('' for the defaults), in a stable order. */
export function marketUrlToSearch(s: MarketUrlState): string {
  const p = new URLSearchParams();
  if (s.coin) p.set('coin', s.coin);
  if (s.sale) p.set('sale', s.sale);
  if (s.type) p.set('type', s.type);
  for (const k of AMOUNT_KEYS) if (s[k] !== undefined) p.set(k, formatUnits(s[k]!, PAYMENT_DECIMALS));
  for (const k of DAY_KEYS) if (s[k] !== undefined) p.set(k, String(s[k]));
  if (s.q) p.set('q', s.q);
  if (s.paying) p.set('paying', '1');
  if (s.sort !== DEFAULT_SORT) p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  const q = p.toString();
  return q ? `?${q}` : '';
}

/** How many filters (not the sort or page) are set: the sidebar's "clear" shows when there are any. */
export function activeFilterCount(s: MarketUrlState): number {
  return [s.coin, s.sale, s.type, s.minPrice, s.maxPrice, s.minUnit, s.maxUnit, s.minDays, s.maxDays, s.q, s.paying].filter((v) => v !== undefined).length;
}

/** The state with every filter cleared (the sort is kept). */
export function clearedFilters(s: MarketUrlState): MarketUrlState {
  return { sort: s.sort, page: 1 };
}
