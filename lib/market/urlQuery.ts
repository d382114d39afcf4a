import { listingsQuerySchema, type ListingsQuery } from './query';

export const PAGE_SIZE = 24;

/** The market page's URL state: the filters a reader can share, with page numbers instead of offsets. */
export type MarketUrlState = Pick<ListingsQuery, 'coin' | 'sale' | 'sort'> & { page: number };

/** Reads the market URL state; anything malformed falls back to its default instead of failing the page. */
export function parseMarketUrl(params: URLSearchParams | Record<string, string | string[] | undefined>): MarketUrlState {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  const pick = <K extends 'coin' | 'sale' | 'sort'>(key: K): ListingsQuery[K] | undefined => {
    const r = listingsQuerySchema.shape[key].safeParse(get(key));
    return r.success ? (r.data as ListingsQuery[K]) : undefined;
  };
  const page = Number.parseInt(get('page') ?? '1', 10);
  return { coin: pick('coin'), sale: pick('sale'), sort: pick('sort') ?? 'unit_price_asc', page: Number.isFinite(page) && page > 0 ? page : 1 };
}

export function marketUrlToQuery(s: MarketUrlState): Partial<ListingsQuery> {
  return { coin: s.coin, sale: s.sale, sort: s.sort, limit: PAGE_SIZE, offset: (s.page - 1) * PAGE_SIZE };
}

export function marketUrlToSearch(s: MarketUrlState): string {
  const p = new URLSearchParams();
  if (s.coin) p.set('coin', s.coin);
  if (s.sale) p.set('sale', s.sale);
  if (s.sort !== 'unit_price_asc') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  const q = p.toString();
  return q ? `?${q}` : '';
}
