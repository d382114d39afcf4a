// GET /api/listings over the index: the zod query schema, and filters, sorts and keyset pages in SQL.
import { getAddress, type Address } from 'viem';
import { z } from 'zod';
import { COINS, type Coin } from '../format/hashrate';
import { termDaysLeft } from '../format/time';
import { expectedYieldLeft, pricePerUnitDay } from '../market/pricing';
import type { ListingView, ProductView } from '../market/types';
import { sql, type RawBuilder } from 'kysely';
import type { IndexDb } from './store';
import { SEARCH_SEPARATOR } from './derive';

export const INDEX_LISTING_SORTS = [
  'price_asc',
  'price_desc',
  'unit_price_asc',
  'unit_price_desc',
  'term_left_desc',
  'term_left_asc',
  'ending_soon',
  'newest',
  'return_desc',
] as const;
export type IndexListingSort = (typeof INDEX_LISTING_SORTS)[number];

export const LISTING_STATUSES = ['live', 'ended', 'sold', 'stale', 'cancelled'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte hex address')
  .transform((a) => getAddress(a.toLowerCase()));
const baseUnits = z
  .string()
  .regex(/^\d{1,40}$/, 'must be a whole number of payment token base units (6 decimals: 1 USDT = 1000000)')
  .transform((v) => BigInt(v));
const days = z.coerce.number().int().min(0).max(100_000);
const statusList = z
  .string()
  .regex(new RegExp(`^(all|(${LISTING_STATUSES.join('|')})(,(${LISTING_STATUSES.join('|')}))*)$`), `must be one or more of ${LISTING_STATUSES.join(', ')} (comma-separated), or all`)
  .transform((v) => (v === 'all' ? [...LISTING_STATUSES] : ([...new Set(v.split(','))] as ListingStatus[])));

type CursorKey = { sort: IndexListingSort; key: string; real: boolean; tokenId: number; id: number };

export function encodeCursor(c: CursorKey): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.real ? 1 : 0, c.tokenId, c.id])).toString('base64url');
}

function decodeCursor(s: string): CursorKey | null {
  try {
    const [sort, key, real, tokenId, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (!INDEX_LISTING_SORTS.includes(sort as IndexListingSort) || typeof key !== 'string' || !/^-?[\d.e+-]+$/i.test(key)) return null;
    if (!Number.isSafeInteger(tokenId) || !Number.isSafeInteger(id)) return null;
    return { sort: sort as IndexListingSort, key, real: real === 1, tokenId: tokenId as number, id: id as number };
  } catch {
    return null;
  }
}

/**
 * Query string of GET /api/listings. Unknown parameters are rejected so typos do not pass silently.
 * Prices are in payment token base units; unit prices per whole hashrate unit per day of term left.
 */
export const indexListingsQuerySchema = z
  .object({
    coin: z.enum(COINS).optional(),
    miner: address.optional(),
    seller: address.optional(),
    /** Listings (auctions) the account has bid on. */
    bidder: address.optional(),
    product: z.coerce.number().int().positive().optional(),
    sale: z.enum(['primary', 'resale']).optional(),
    type: z.enum(['fixed', 'auction']).optional(),
    status: statusList.default(['live']),
    minPrice: baseUnits.optional(),
    maxPrice: baseUnits.optional(),
    minUnitPrice: baseUnits.optional(),
    maxUnitPrice: baseUnits.optional(),
    minDaysLeft: days.optional(),
    maxDaysLeft: days.optional(),
    q: z.string().trim().min(1, 'must not be empty').max(64).optional(),
    /** `paying`: only products whose miner is paying in full (lib/escrow/health: paying, or nothing due yet). */
    health: z.enum(['paying']).optional(),
    sort: z.enum(INDEX_LISTING_SORTS).default('unit_price_asc'),
    limit: z.coerce.number().int().min(1).max(100).default(24),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    cursor: z.string().max(512).optional(),
  })
  .strict()
  .transform((q, ctx) => {
    let cursor: CursorKey | undefined;
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      if (!c) ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'not a cursor this API returned' });
      else if (c.sort !== q.sort) ctx.addIssue({ code: 'custom', path: ['cursor'], message: `was made for sort=${c.sort}, not sort=${q.sort}` });
      else cursor = c;
      if (q.offset !== 0) ctx.addIssue({ code: 'custom', path: ['offset'], message: 'cannot be combined with cursor' });
    }
    for (const [lo, hi] of [['minPrice', 'maxPrice'], ['minUnitPrice', 'maxUnitPrice'], ['minDaysLeft', 'maxDaysLeft']] as const) {
      const a = q[lo];
      const b = q[hi];
      if (a !== undefined && b !== undefined && a > b) ctx.addIssue({ code: 'custom', path: [lo], message: `must not exceed ${hi}` });
    }
    return { ...q, cursor };
  });
export type IndexListingsQuery = z.output<typeof indexListingsQuerySchema>;
export type IndexListingsInput = z.input<typeof indexListingsQuerySchema>;

// ---------------------------------------------------------------- SQL

const INT64_MAX = 2n ** 63n - 1n;
const cap = (v: bigint) => (v > INT64_MAX ? INT64_MAX : v);

/** A bound 64-bit integer (typed for PostgreSQL, which infers nothing from a bare parameter in CASE). */
export const int = (v: number | bigint) => sql<bigint>`CAST(${typeof v === 'bigint' ? v.toString() : String(v)} AS BIGINT)`;

/** The time-dependent expressions of the filters and sorts at chain time `now` (portable SQL: no MAX(a, b)). */
function timeExprs(now: bigint) {
  const n = int(now);
  const fromT = sql`(CASE WHEN ${n} > l.term_start THEN ${n} ELSE l.term_start END)`;
  const secsLeft = sql`(l.term_end - ${fromT})`;
  return {
    unit: sql`(CASE WHEN l.term_end > ${fromT} THEN l.unit_base / ${secsLeft} ELSE 0 END)`,
    daysLeft: sql`(CASE WHEN ${n} >= l.term_end THEN 0 ELSE (${secsLeft} + 86399) / 86400 END)`,
    ret: sql`(CASE WHEN l.term_end > ${fromT} THEN l.return_base * ${secsLeft} ELSE 0 END)`,
    status: {
      live: sql`(l.status = 'live' AND (l.sale_type = 'fixed' OR l.end_time > ${n}))`,
      ended: sql`((l.status = 'live' AND l.sale_type = 'auction' AND l.end_time <= ${n}) OR l.status = 'ended')`,
      sold: sql`l.status = 'sold'`,
      stale: sql`l.status = 'stale'`,
      cancelled: sql`l.status = 'cancelled'`,
    } satisfies Record<ListingStatus, RawBuilder<unknown>>,
  };
}

function sortOf(sort: IndexListingSort, t: ReturnType<typeof timeExprs>): { key: RawBuilder<unknown>; desc: boolean; real: boolean; byId?: true } {
  const ends = sql`COALESCE(l.end_time, 9223372036854775807)`;
  switch (sort) {
    case 'price_asc': return { key: sql`l.price_num`, desc: false, real: false };
    case 'price_desc': return { key: sql`l.price_num`, desc: true, real: false };
    case 'unit_price_asc': return { key: t.unit, desc: false, real: true };
    case 'unit_price_desc': return { key: t.unit, desc: true, real: true };
    case 'term_left_desc': return { key: t.daysLeft, desc: true, real: false };
    case 'term_left_asc': return { key: t.daysLeft, desc: false, real: false };
    case 'ending_soon': return { key: ends, desc: false, real: false };
    case 'newest': return { key: sql`l.id`, desc: true, real: false, byId: true };
    case 'return_desc': return { key: t.ret, desc: true, real: true };
  }
}

/** The products table's columns every product read selects. */
export type ProductRow = {
  product_id: bigint;
  miner: Address;
  coin: string;
  node_id: string;
  hashrate: bigint;
  nft_count: bigint;
  minted: bigint;
  term_start: bigint;
  term_end: bigint;
  daily_yield: string;
};

export function productFromRow(r: ProductRow): ProductView {
  return {
    productId: r.product_id,
    miner: r.miner,
    coin: r.coin as Coin,
    nodeId: r.node_id,
    hashratePerNFT: r.hashrate,
    nftCount: Number(r.nft_count),
    minted: Number(r.minted),
    termStart: r.term_start,
    termEnd: r.term_end,
    expectedDailyYieldPerUnit: BigInt(r.daily_yield),
  };
}

type Row = ProductRow & {
  id: bigint;
  token_id: bigint;
  sale_type: 'fixed' | 'auction';
  seller: Address;
  status: string;
  price: string;
  primary_sale: bigint;
  created_block: bigint;
  created_time: bigint;
  reserve_price: string | null;
  end_time: bigint | null;
  min_increment_bps: bigint | null;
  highest_bid: string | null;
  highest_bidder: Address | null;
  bid_count: bigint;
  winner: Address | null;
  application_id: bigint | null;
  miner_name: string | null;
};

export type AuctionView = {
  reservePrice: bigint;
  endTime: bigint;
  minIncrementBps: bigint;
  highestBid: bigint | null;
  highestBidder: Address | null;
  bidCount: number;
  /** The least a new bid must offer: the reserve before any bid, then the highest bid plus the minimum increment. */
  minNextBid: bigint;
  winner: Address | null;
};

export type IndexedListing = ListingView & {
  /** The index's id of this listing (a token listed again gets a new one). */
  listingId: bigint;
  saleType: 'fixed' | 'auction';
  status: ListingStatus;
  listedAt: bigint;
  listedBlock: bigint;
  /** Expected yield over the term left, in the yield token's base units. */
  expectedYieldLeft: bigint;
  minerName: string | null;
  auction: AuctionView | null;
};

const SELECT = sql.raw(`SELECT l.id, l.token_id, l.product_id, l.sale_type, l.seller, l.status, l.price, l.primary_sale, l.created_block, l.created_time,
  l.reserve_price, l.end_time, l.min_increment_bps, l.highest_bid, l.highest_bidder, l.bid_count, l.winner,
  p.miner, p.coin, p.node_id, p.hashrate, p.nft_count, p.minted, p.term_start, p.term_end, p.daily_yield, p.application_id, p.miner_name`);

/** Mirrors Marketplace.minNextBid: the reserve before any bid, then the highest bid raised by the minimum
 * increment, rounded up and by at least one base unit. */
export function minNextBid(reserve: bigint, highest: bigint | null, bps: bigint): bigint {
  if (highest === null) return reserve;
  const raise = (highest * bps + 9_999n) / 10_000n;
  return highest + (raise === 0n ? 1n : raise);
}

function toListing(r: Row, now: bigint): IndexedListing {
  const product = productFromRow(r);
  const price = BigInt(r.price);
  let status = r.status as ListingStatus;
  if (r.sale_type === 'auction' && status === 'live' && r.end_time !== null && r.end_time <= now) status = 'ended';
  const highest = r.highest_bid === null ? null : BigInt(r.highest_bid);
  return {
    listingId: r.id,
    tokenId: r.token_id,
    seller: r.seller,
    price,
    pricePerUnitDay: pricePerUnitDay(price, product.hashratePerNFT, product.termStart, product.termEnd, now),
    daysLeft: termDaysLeft(product.termStart, product.termEnd, now),
    primary: r.primary_sale === 1n,
    product,
    saleType: r.sale_type,
    status,
    listedAt: r.created_time,
    listedBlock: r.created_block,
    expectedYieldLeft: expectedYieldLeft(product.expectedDailyYieldPerUnit, product.hashratePerNFT, product.termStart, product.termEnd, now),
    minerName: r.miner_name,
    auction:
      r.sale_type === 'auction'
        ? {
            reservePrice: BigInt(r.reserve_price ?? '0'),
            endTime: r.end_time ?? 0n,
            minIncrementBps: r.min_increment_bps ?? 0n,
            highestBid: highest,
            highestBidder: r.highest_bidder,
            bidCount: Number(r.bid_count),
            minNextBid: minNextBid(BigInt(r.reserve_price ?? '0'), highest, r.min_increment_bps ?? 0n),
            winner: r.winner,
          }
        : null,
  };
}

export type ListingsPage = { total: number; items: IndexedListing[]; nextCursor: string | null };

/**
 * Totals already counted at one indexed block: a page's total depends only on its filters, the index's rows and
 * the chain time, all fixed until the next block is indexed. So the next pages of a query, and every other visitor
 * asking the same filters before the next block, reuse the count instead of counting tens of thousands of rows
 * again. Tied to the block (number and hash: a reorg back to the same height is another block) it was made at; a
 * new block starts an empty one.
 */
export class CountCache {
  private tip = '';
  private totals = new Map<string, number>();
  constructor(private readonly limit = 500) {}
  /** The totals valid at `tip` (the index's last indexed block, number and hash: ListingIndexer.tip). A new tip
   * gets a new map, so a query still counting at the previous one fills the old map, never the new one. */
  at(tip: string): Map<string, number> {
    if (tip !== this.tip || this.totals.size >= this.limit) {
      this.tip = tip;
      this.totals = new Map();
    }
    return this.totals;
  }
}

type PageKey = { id: bigint; token_id: bigint; sort_key: bigint | number };

/**
 * The time-dependent sorts, without sorting every matching listing. Within one product the unit price and the
 * expected return are monotone in the price (the product's hashrate, yield and term left are common to its
 * listings) and the days left are constant, so the first N listings in the sort order are among the first N of
 * each product in price (or token) order: one index range scan per product, merged here by the same key, token
 * id and listing id the SQL sort uses. Price sorts merge the same way when a product scope (below) narrows the
 * query. Null (sort in SQL) for the other sorts, deep pages or many products.
 */
const PER_PRODUCT_ORDER: Partial<Record<IndexListingSort, 'price_asc' | 'price_desc' | 'token'>> = {
  unit_price_asc: 'price_asc',
  unit_price_desc: 'price_desc',
  return_desc: 'price_asc',
  term_left_desc: 'token',
  term_left_asc: 'token',
};
const SCOPED_ORDER: Partial<Record<IndexListingSort, 'price_asc' | 'price_desc'>> = { price_asc: 'price_asc', price_desc: 'price_desc' };
const MERGE_MAX_ROWS = 2_000;
const MERGE_MAX_PRODUCTS = 200;

type ScopeProduct = { product_id: bigint; coin: string; node_id: string; miner: string; miner_name: string | null; hashrate: bigint; term_start: bigint; term_end: bigint; daily_yield_num: number };
/** The products a query can match, each with an index-friendly condition on its listings (null: any of them). */
type ProductScope = Map<number, { product: ScopeProduct; extra: RawBuilder<unknown> | null }>;

const NON_ASCII = /[^\x00-\x7f]/;
const MAX_PRICE_NUM = Number(INT64_MAX);
const toBound = (x: number) => (x <= 0 ? 0n : x >= MAX_PRICE_NUM ? INT64_MAX : BigInt(Math.floor(x)));

/** Case-insensitive on both stores: `search` holds the node id, miner, miner name and seller in lower case, apart
 * by a character a query cannot match across (SQLite's LIKE ignores case, PostgreSQL's does not). */
function searchLike(text: string): RawBuilder<unknown> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll(SEARCH_SEPARATOR, '')}%`;
  return sql`l.search LIKE ${pattern} ESCAPE '\\'`;
}

/** Every seller with a listing, by a loose index scan of listings_seller (one index probe per seller). */
async function listingSellers(db: IndexDb): Promise<string[]> {
  const rows = await sql<{ seller: string | null }>`WITH RECURSIVE s(seller) AS (
    SELECT MIN(seller) FROM listings
    UNION ALL SELECT (SELECT MIN(l.seller) FROM listings l WHERE l.seller > s.seller) FROM s WHERE s.seller IS NOT NULL
  ) SELECT seller FROM s WHERE seller IS NOT NULL`.execute(db);
  return rows.rows.map((r) => r.seller!);
}

/**
 * The filters that read per-product values — coin and miner, days left and unit price (the term is the
 * product's), the text search (node id, miner and its name are the product's) — reduced to the products that can
 * match, each with a condition its listings index serves. Coin and miner are the product's: exact. Days left are the product's, computed here as the SQL does: exact. The
 * text: a product whose node id, miner or name (ASCII, lower-cased alike here and in SQL) holds it matches
 * whole; any other matches by `seller IN (…)` (addresses are ASCII hex), and a product with a non-ASCII name,
 * where JS and SQL lower case may differ, keeps the LIKE itself: exact. The unit price becomes a price range
 * widened past any rounding, a superset: its exact test stays in the query. Null when the query has none of these
 * filters or too many products.
 */
async function productScope(db: IndexDb, q: IndexListingsQuery, now: bigint, exclude: ReadonlySet<number> | undefined): Promise<ProductScope | null> {
  const unitFilter = q.minUnitPrice !== undefined || q.maxUnitPrice !== undefined;
  if (!unitFilter && q.minDaysLeft === undefined && q.maxDaysLeft === undefined && q.q === undefined && !q.coin && !q.miner && !exclude?.size) return null;
  const products = (
    await sql<ScopeProduct>`SELECT product_id, coin, node_id, miner, miner_name, hashrate, term_start, term_end, daily_yield_num FROM products${q.product ? sql` WHERE product_id = ${int(q.product)}` : sql``}`.execute(db)
  ).rows;
  if (products.length > MERGE_MAX_PRODUCTS) return null;
  const needle = q.q?.toLowerCase().replaceAll(SEARCH_SEPARATOR, '');
  // Sellers are lower-cased hex in the search column: only a hex needle can match one.
  const sellers = needle !== undefined && /^[0-9a-fx]+$/.test(needle) ? (await listingSellers(db)).filter((a) => a.toLowerCase().includes(needle)) : [];
  const scope: ProductScope = new Map();
  for (const p of products) {
    if (exclude?.has(Number(p.product_id))) continue;
    // A listing's coin and miner are its product's (copied when listed; a product never changes them).
    if ((q.coin && p.coin !== q.coin) || (q.miner && p.miner !== q.miner)) continue;
    const start = BigInt(p.term_start);
    const end = BigInt(p.term_end);
    const secsLeft = end - (now > start ? now : start);
    const daysLeft = now >= end ? 0n : (secsLeft + 86_399n) / 86_400n;
    if (q.minDaysLeft !== undefined && daysLeft < BigInt(q.minDaysLeft)) continue;
    if (q.maxDaysLeft !== undefined && daysLeft > BigInt(q.maxDaysLeft)) continue;
    const extra: RawBuilder<unknown>[] = [];
    if (unitFilter) {
      if (secsLeft <= 0n) {
        if (q.minUnitPrice !== undefined && q.minUnitPrice > 0n) continue; // a unit price of 0
      } else {
        // unit = price × 86,400,000 / hashrate / seconds left: a price range, widened by a millionth and a unit.
        const perUnit = (Number(p.hashrate) * Number(secsLeft)) / 86_400_000;
        if (q.minUnitPrice !== undefined) extra.push(sql`l.price_num >= ${int(toBound(Number(q.minUnitPrice) * perUnit * (1 - 1e-6) - 1))}`);
        if (q.maxUnitPrice !== undefined) extra.push(sql`l.price_num <= ${int(toBound((Number(q.maxUnitPrice) + 1) * perUnit * (1 + 1e-6) + 1))}`);
      }
    }
    if (needle !== undefined) {
      const fields = [p.node_id, p.miner, p.miner_name ?? ''];
      if (fields.some((f) => NON_ASCII.test(f))) extra.push(searchLike(q.q!));
      else if (!fields.some((f) => f.toLowerCase().includes(needle))) {
        if (sellers.length === 0) continue;
        extra.push(sql`l.seller IN (${sql.join(sellers)})`);
      }
    }
    scope.set(Number(p.product_id), { product: p, extra: extra.length ? sql.join(extra, sql` AND `) : null });
  }
  return scope;
}

const inProduct = (id: number, extra: RawBuilder<unknown> | null) => (extra ? sql`l.product_id = ${int(id)} AND ${extra}` : sql`l.product_id = ${int(id)}`);

async function mergedKeys(db: IndexDb, q: IndexListingsQuery, sort: ReturnType<typeof sortOf>, where: RawBuilder<unknown>, now: bigint, scope: ProductScope | null): Promise<PageKey[] | null> {
  const mode = PER_PRODUCT_ORDER[q.sort] ?? (scope ? SCOPED_ORDER[q.sort] : undefined);
  const skip = q.cursor ? 0 : q.offset;
  const n = skip + q.limit + 1;
  if (!mode || n > MERGE_MAX_ROWS) return null;
  const products: { product: Pick<ScopeProduct, 'product_id' | 'term_end' | 'daily_yield_num'>; extra: RawBuilder<unknown> | null }[] = scope
    ? [...scope.values()]
    : (
        await sql<Pick<ScopeProduct, 'product_id' | 'term_end' | 'daily_yield_num'>>`SELECT product_id, term_end, daily_yield_num FROM products${q.product ? sql` WHERE product_id = ${int(q.product)}` : sql``}`.execute(db)
      ).rows.map((product) => ({ product, extra: null }));
  if (products.length === 0) return [];
  if (products.length > MERGE_MAX_PRODUCTS) return null;
  const timeKey = PER_PRODUCT_ORDER[q.sort] !== undefined;
  const parts = products.map(({ product: p, extra }, i) => {
    // A product whose term has ended (or that expects no yield, for the return sort) has one key for all its
    // listings: they follow in token order, as the SQL sort's tie-break puts them.
    const flat = timeKey && (BigInt(p.term_end) <= now || (q.sort === 'return_desc' && Number(p.daily_yield_num) === 0));
    const m = flat ? 'token' : mode;
    const order = m === 'token' ? sql`l.token_id ASC, l.id ASC` : m === 'price_asc' ? sql`l.price_num ASC, l.token_id ASC, l.id ASC` : sql`l.price_num DESC, l.token_id ASC, l.id ASC`;
    return sql`SELECT * FROM (SELECT l.id, l.token_id, ${sort.key} AS sort_key FROM listings l WHERE ${where} AND ${inProduct(Number(p.product_id), extra)} ORDER BY ${order} LIMIT ${int(n)}) AS ${sql.raw(`p${i}`)}`;
  });
  const rows = (await sql<PageKey>`${sql.join(parts, sql` UNION ALL `)}`.execute(db)).rows;
  const dir = sort.desc ? -1 : 1;
  const cmp = (a: bigint | number, b: bigint | number) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => dir * cmp(a.sort_key, b.sort_key) || cmp(a.token_id, b.token_id) || cmp(a.id, b.id));
  return rows.slice(skip, n);
}

/** Filters, sorts (ties by token id, then listing id, so pages are stable) and pages the indexed listings. */
/** `merge: false` sorts every time-dependent page in SQL and reads no product scope (the reference the merged and
 * scoped paths are tested against). */
/** `excludeProducts`: listings of these products never match (the health filter: the caller reads the chain). */
/** `counts`: totals already counted at this block (CountCache.at), read and filled by this query. */
export async function queryIndexedListings(
  db: IndexDb,
  q: IndexListingsQuery,
  now: bigint,
  opts: { merge?: boolean; excludeProducts?: ReadonlySet<number>; counts?: Map<string, number> } = {},
): Promise<ListingsPage> {
  const t = timeExprs(now);
  const sort = sortOf(q.sort, t);
  // Every listing has one of the statuses (an auction past its end is `ended`): asking for all of them is no filter,
  // which lets the store read the table in id order (newest) and count it whole.
  const everyStatus = LISTING_STATUSES.every((s) => q.status.includes(s));
  const where: RawBuilder<unknown>[] = [everyStatus ? sql`1 = 1` : sql`(${sql.join(q.status.map((s) => t.status[s]), sql` OR `)})`];
  const exclude = opts.excludeProducts?.size ? opts.excludeProducts : undefined;
  // Coin, miner, days left and text: exact per product in the scope when there is one, else tested here per row.
  const scope = opts.merge === false ? null : await productScope(db, q, now, exclude);
  if (exclude && !scope) where.push(sql`l.product_id NOT IN (${sql.join([...exclude].map((id) => int(id)))})`);
  if (q.coin && !scope) where.push(sql`l.coin = ${q.coin}`);
  if (q.miner && !scope) where.push(sql`l.miner = ${q.miner}`);
  if (q.seller) where.push(sql`l.seller = ${q.seller}`);
  if (q.bidder) where.push(sql`EXISTS (SELECT 1 FROM bids b WHERE b.listing_id = l.id AND b.bidder = ${q.bidder})`);
  if (q.product) where.push(sql`l.product_id = ${int(q.product)}`);
  if (q.sale) where.push(sql`l.primary_sale = ${sql.lit(q.sale === 'primary' ? 1 : 0)}`);
  if (q.type) where.push(sql`l.sale_type = ${q.type}`);
  if (q.minPrice !== undefined) where.push(sql`l.price_num >= ${int(cap(q.minPrice))}`);
  if (q.maxPrice !== undefined) where.push(sql`l.price_num <= ${int(cap(q.maxPrice))}`);
  // The unit price rounded down is at least m exactly when the unit price is; at most M when it is below M + 1.
  if (q.minUnitPrice !== undefined) where.push(sql`${t.unit} >= ${int(cap(q.minUnitPrice))}`);
  if (q.maxUnitPrice !== undefined) where.push(sql`${t.unit} < ${int(cap(q.maxUnitPrice))} + 1`);
  if (!scope) {
    if (q.minDaysLeft !== undefined) where.push(sql`${t.daysLeft} >= ${int(q.minDaysLeft)}`);
    if (q.maxDaysLeft !== undefined) where.push(sql`${t.daysLeft} <= ${int(q.maxDaysLeft)}`);
    if (q.q) where.push(searchLike(q.q));
  }

  // Filters and sorts read the listings table alone; only the page's rows are joined with their products.
  const filter = sql.join(where, sql` AND `);
  if (scope && scope.size === 0) return { total: 0, items: [], nextCursor: null };
  // With a scope, one count per product on its own index range; summed here.
  const countQuery = scope
    ? sql<{ n: bigint }>`${sql.join([...scope].map(([id, { extra }]) => sql`SELECT COUNT(*) AS n FROM listings l WHERE ${filter} AND ${inProduct(id, extra)}`), sql` UNION ALL `)}`
    : sql<{ n: bigint }>`SELECT COUNT(*) AS n FROM listings l WHERE ${filter}`;
  // The compiled count (its SQL and parameters, chain time included) is the cache key: same text, same total.
  const compiled = countQuery.compile(db);
  const countKey = opts.counts ? JSON.stringify([compiled.sql, compiled.parameters], (_, v) => (typeof v === 'bigint' ? v.toString() : v)) : '';
  let total = opts.counts?.get(countKey);
  if (total === undefined) {
    total = (await countQuery.execute(db)).rows.reduce((sum, r) => sum + Number(r.n), 0);
    opts.counts?.set(countKey, total);
  }
  const scoped = scope ? sql` AND (${sql.join([...scope].map(([id, { extra }]) => sql`(${inProduct(id, extra)})`), sql` OR `)})` : sql``;

  let page = sql``;
  if (q.cursor) {
    const cmp = sql.raw(sort.desc ? '<' : '>');
    const ck = sort.real ? sql`CAST(${Number(q.cursor.key)} AS DOUBLE PRECISION)` : int(BigInt(q.cursor.key));
    const ct = int(q.cursor.tokenId);
    page = sql` AND (${sort.key} ${cmp} ${ck} OR (${sort.key} = ${ck} AND (l.token_id > ${ct} OR (l.token_id = ${ct} AND l.id > ${int(q.cursor.id)}))))`;
  }
  const order = sort.byId ? sql`l.id DESC` : sql.raw(`sort_key ${sort.desc ? 'DESC' : 'ASC'}, l.token_id ASC, l.id ASC`);
  const offset = q.cursor ? sql`` : sql` OFFSET ${int(q.offset)}`;
  const keys =
    (opts.merge === false ? null : await mergedKeys(db, q, sort, sql`${filter}${page}`, now, scope)) ??
    (await sql<PageKey>`SELECT l.id, l.token_id, ${sort.key} AS sort_key FROM listings l WHERE ${filter}${scoped}${page} ORDER BY ${order} LIMIT ${int(q.limit + 1)}${offset}`.execute(db)).rows;
  const more = keys.length > q.limit;
  const pageKeys = keys.slice(0, q.limit);
  const last = pageKeys[pageKeys.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor({ sort: q.sort, key: String(last.sort_key), real: sort.real, tokenId: Number(last.token_id), id: Number(last.id) })
      : null;
  const rows = pageKeys.length
    ? (await sql<Row>`${SELECT} FROM listings l JOIN products p ON p.product_id = l.product_id WHERE l.id IN (${sql.join(pageKeys.map((k) => int(k.id)))})`.execute(db)).rows
    : [];
  const byId = new Map(rows.map((r) => [BigInt(r.id), r]));
  const items = pageKeys.map((k) => byId.get(BigInt(k.id))!);
  return { total, items: items.map((r) => toListing(r, now)), nextCursor };
}

// ---------------------------------------------------------------- one listing, activity

export type BidView = { listingId: bigint; tokenId: bigint; bidder: Address; amount: bigint; endTime: bigint; blockNumber: bigint; txHash: string; timestamp: bigint };
export type SaleView = { listingId: bigint; tokenId: bigint; saleType: 'fixed' | 'auction'; seller: Address; buyer: Address; price: bigint; fee: bigint; blockNumber: bigint; txHash: string; timestamp: bigint };

type BidRow = { listing_id: bigint; token_id: bigint; bidder: Address; amount: string; end_time: bigint; block_number: bigint; tx_hash: string; timestamp: bigint };
type SaleRow = { listing_id: bigint; token_id: bigint; sale_type: 'fixed' | 'auction'; seller: Address; buyer: Address; price: string; fee: string; block_number: bigint; tx_hash: string; timestamp: bigint };

const toBid = (r: BidRow): BidView => ({ listingId: r.listing_id, tokenId: r.token_id, bidder: r.bidder, amount: BigInt(r.amount), endTime: r.end_time, blockNumber: r.block_number, txHash: r.tx_hash, timestamp: r.timestamp });
const toSale = (r: SaleRow): SaleView => ({ listingId: r.listing_id, tokenId: r.token_id, saleType: r.sale_type, seller: r.seller, buyer: r.buyer, price: BigInt(r.price), fee: BigInt(r.fee), blockNumber: r.block_number, txHash: r.tx_hash, timestamp: r.timestamp });

export type ListingDetail = { listing: IndexedListing; bids: BidView[]; sales: SaleView[] };

/** A token's latest listing (any status), the bids on it, and every sale of the token, newest first. */
export async function indexedListingDetail(db: IndexDb, tokenId: bigint, now: bigint): Promise<ListingDetail | null> {
  const row = (await sql<Row>`${SELECT} FROM listings l JOIN products p ON p.product_id = l.product_id WHERE l.token_id = ${int(tokenId)} ORDER BY l.id DESC LIMIT 1`.execute(db)).rows[0];
  if (!row) return null;
  const bids = (await sql<BidRow>`SELECT * FROM bids WHERE listing_id = ${int(row.id)} ORDER BY block_number DESC, log_index DESC`.execute(db)).rows.map(toBid);
  const sales = (await sql<SaleRow>`SELECT * FROM sales WHERE token_id = ${int(tokenId)} ORDER BY block_number DESC, log_index DESC`.execute(db)).rows.map(toSale);
  return { listing: toListing(row, now), bids, sales };
}

export type TokenHistory = { bids: BidView[]; sales: SaleView[] };

/** Every bid on a token (over all its auctions) and every sale of it, oldest first. */
export async function tokenHistory(db: IndexDb, tokenId: bigint): Promise<TokenHistory> {
  const bids = (await sql<BidRow>`SELECT * FROM bids WHERE token_id = ${int(tokenId)} ORDER BY block_number, log_index`.execute(db)).rows.map(toBid);
  const sales = (await sql<SaleRow>`SELECT * FROM sales WHERE token_id = ${int(tokenId)} ORDER BY block_number, log_index`.execute(db)).rows.map(toSale);
  return { bids, sales };
}

export const activityQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    type: z.enum(['sale', 'bid']).optional(),
    token: z.coerce.number().int().positive().optional(),
    /** Every token of a product (the item page's price history). */
    product: z.coerce.number().int().positive().max(9_000_000).optional(),
  })
  .strict()
  .refine((q) => q.token === undefined || q.product === undefined, { message: 'token and product cannot be combined', path: ['product'] });
export type ActivityQuery = z.output<typeof activityQuerySchema>;

export type ActivityItem = ({ kind: 'sale' } & SaleView) | ({ kind: 'bid' } & BidView);

/** Recent sales and bids, newest first. */
export async function recentActivity(db: IndexDb, q: ActivityQuery): Promise<ActivityItem[]> {
  const token =
    q.token !== undefined
      ? sql` WHERE token_id = ${int(q.token)}`
      : q.product !== undefined
        ? sql` WHERE token_id >= ${int(q.product * 1_000_000)} AND token_id < ${int((q.product + 1) * 1_000_000)}`
        : sql``;
  const parts: RawBuilder<unknown>[] = [];
  // The newest `limit` of each table (their (block_number, log_index) indexes), then the newest of those.
  const newest = sql`ORDER BY block_number DESC, log_index DESC LIMIT ${int(q.limit)}`;
  if (q.type !== 'bid') parts.push(sql`SELECT * FROM (SELECT 'sale' AS kind, listing_id, token_id, sale_type, seller, buyer, price, fee, NULL AS bidder, NULL AS amount, CAST(NULL AS BIGINT) AS end_time, block_number, log_index, tx_hash, timestamp FROM sales${token} ${newest}) AS s`);
  if (q.type !== 'sale') parts.push(sql`SELECT * FROM (SELECT 'bid' AS kind, listing_id, token_id, NULL AS sale_type, NULL AS seller, NULL AS buyer, NULL AS price, NULL AS fee, bidder, amount, end_time, block_number, log_index, tx_hash, timestamp FROM bids${token} ${newest}) AS b`);
  const rows = (
    await sql<SaleRow & BidRow & { kind: 'sale' | 'bid' }>`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) AS a ORDER BY block_number DESC, log_index DESC LIMIT ${int(q.limit)}`.execute(db)
  ).rows;
  return rows.map((r) => (r.kind === 'sale' ? { kind: 'sale', ...toSale(r) } : { kind: 'bid', ...toBid(r) }));
}

// ---------------------------------------------------------------- market stats

export type MarketStats = {
  /** The cheapest live fixed-price listing per coin, in payment base units per whole hashrate unit per day of term left. */
  floor: { coin: Coin; pricePerUnitDay: bigint; tokenId: bigint }[];
  /** Sales (fixed price and auctions) over the last 24 hours and 7 days of chain time: count and total paid. */
  day: { count: number; volume: bigint };
  week: { count: number; volume: bigint };
  /** Live listings (fixed price and running auctions). */
  live: number;
};

/** The market header's figures at chain time `now`. */
export async function marketStats(db: IndexDb, now: bigint): Promise<MarketStats> {
  const floor: MarketStats['floor'] = [];
  for (const coin of COINS) {
    const page = await queryIndexedListings(db, indexListingsQuerySchema.parse({ coin, type: 'fixed', sort: 'unit_price_asc', limit: '1' }), now);
    const l = page.items[0];
    if (l) floor.push({ coin, pricePerUnitDay: l.pricePerUnitDay, tokenId: l.tokenId });
  }
  const weekAgo = now - 7n * 86_400n;
  const dayAgo = now - 86_400n;
  const rows = (await sql<{ price: string; timestamp: bigint }>`SELECT price, timestamp FROM sales WHERE timestamp > ${int(weekAgo)}`.execute(db)).rows;
  const day = { count: 0, volume: 0n };
  const week = { count: 0, volume: 0n };
  for (const r of rows) {
    const price = BigInt(r.price);
    week.count++;
    week.volume += price;
    if (BigInt(r.timestamp) > dayAgo) {
      day.count++;
      day.volume += price;
    }
  }
  const live = (await queryIndexedListings(db, indexListingsQuerySchema.parse({ limit: '1' }), now)).total;
  return { floor, day, week, live };
}
