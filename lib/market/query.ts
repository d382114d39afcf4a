import { z } from 'zod';
import { COINS } from '../format/hashrate';
import type { ListingView } from './types';

export const LISTING_SORTS = ['price_asc', 'price_desc', 'unit_price_asc', 'unit_price_desc', 'term_left_desc', 'term_left_asc'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte hex address')
  .transform((a) => a.toLowerCase());

/** Query string of GET /api/listings. Unknown parameters are rejected so typos do not pass silently. */
export const listingsQuerySchema = z
  .object({
    coin: z.enum(COINS).optional(),
    miner: address.optional(),
    seller: address.optional(),
    product: z.coerce.number().int().positive().optional(),
    sale: z.enum(['primary', 'resale']).optional(),
    sort: z.enum(LISTING_SORTS).default('unit_price_asc'),
    limit: z.coerce.number().int().min(1).max(100).default(24),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ListingsQuery = z.infer<typeof listingsQuerySchema>;

/** Turns zod issues into one readable sentence for an HTTP 400 body. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'query';
      if (issue.code === 'unrecognized_keys') return `unknown parameter(s): ${issue.keys.join(', ')}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const sorters: Record<ListingSort, (a: ListingView, b: ListingView) => number> = {
  price_asc: (a, b) => compare(a.price, b.price),
  price_desc: (a, b) => compare(b.price, a.price),
  unit_price_asc: (a, b) => compare(a.pricePerUnitDay, b.pricePerUnitDay),
  unit_price_desc: (a, b) => compare(b.pricePerUnitDay, a.pricePerUnitDay),
  term_left_desc: (a, b) => compare(b.daysLeft, a.daysLeft),
  term_left_asc: (a, b) => compare(a.daysLeft, b.daysLeft),
};

/** Filters, sorts (ties by token id, so pages are stable) and pages a list of listings. */
export function applyListingsQuery(listings: ListingView[], q: ListingsQuery): { total: number; items: ListingView[] } {
  const filtered = listings.filter(
    (l) =>
      (!q.coin || l.product.coin === q.coin) &&
      (!q.miner || l.product.miner.toLowerCase() === q.miner) &&
      (!q.seller || l.seller.toLowerCase() === q.seller) &&
      (!q.product || l.product.productId === BigInt(q.product)) &&
      (!q.sale || (q.sale === 'primary') === l.primary),
  );
  const sort = sorters[q.sort];
  filtered.sort((a, b) => sort(a, b) || compare(a.tokenId, b.tokenId));
  return { total: filtered.length, items: filtered.slice(q.offset, q.offset + q.limit) };
}
