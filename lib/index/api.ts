import 'server-only';
import type { Address } from 'viem';
import { getListingIndex } from './server';
import type { ProductSaleJson } from '../market/productSales';
import type { IndexDb } from './store';
import { activityToJson, bidToJson, indexedListingToJson, saleToJson, type ActivityJson, type BidJson, type IndexedListingJson, type IndexedListingsResponse, type SaleJson } from './json';
import { depositsOf, nodeSalesOf, positionsList, proposalsList, purchasesOf, redemptionsOf, stakedNftsOf, treasuryHistoryOf, type DepositsResponse, type PositionsResponse, type ProposalsResponse, type PurchasesResponse, type RedemptionsResponse, type StakedNftsResponse } from './history';
import { getDeployment } from '../chain/contracts';
import { revenueAbi } from '../../contracts-abi/Revenue.gen';
import { getServerClient } from '../chain/serverClient';
import { encodeTreasuryHistory } from '../treasury/history';
import { encodeNodeSales } from '../nodes/sales';
import { portfolioItemToJson, portfolioOf, type PortfolioQuery, type PortfolioResponse } from './portfolio';
import { indexedListingDetail, int, marketStats, queryIndexedListings, recentActivity, tokenHistory, type ActivityQuery, type IndexListingsQuery } from './query';
import { sql } from 'kysely';
import { healthToJson, isPayingInFull, type ProductHealthResponse } from '../escrow/health';
import { readProductHealths } from '../escrow/healthServer';
import type { MarketStatsJson } from '../market/stats';

/** The body of GET /api/listings for a validated query, from the index brought up to the chain first. */
export async function listingsResponse(q: IndexListingsQuery): Promise<IndexedListingsResponse> {
  const index = getListingIndex();
  await index.fresh();
  const now = index.chainTime;
  let excludeProducts: Set<number> | undefined;
  if (q.health === 'paying') {
    // Every product's mark (a handful: each one took a DAO vote), from the chain; the query drops the others.
    const ids = (await sql<{ product_id: bigint }>`SELECT product_id FROM products${q.product ? sql` WHERE product_id = ${int(q.product)}` : sql``}`.execute(index.db)).rows.map((r) => BigInt(r.product_id));
    const healths = await readProductHealths(ids);
    excludeProducts = new Set(healths.filter((h) => !isPayingInFull(h)).map((h) => Number(h.productId)));
  }
  const page = await queryIndexedListings(index.db, q, now, { excludeProducts, counts: index.counts.at(index.tip) });
  return {
    chainTime: now.toString(),
    blockNumber: String(index.indexedBlock),
    total: page.total,
    offset: q.cursor ? 0 : q.offset,
    limit: q.limit,
    items: page.items.map(indexedListingToJson),
    nextCursor: page.nextCursor,
  };
}

export type ListingDetailResponse = { chainTime: string; blockNumber: string; listing: IndexedListingJson; bids: BidJson[]; sales: SaleJson[] };

/** The body of GET /api/listings/[id], or null when the token was never listed. */
export async function listingDetailResponse(tokenId: bigint): Promise<ListingDetailResponse | null> {
  const index = getListingIndex();
  await index.fresh();
  const now = index.chainTime;
  const d = await indexedListingDetail(index.db, tokenId, now);
  if (!d) return null;
  return { chainTime: now.toString(), blockNumber: String(index.indexedBlock), listing: indexedListingToJson(d.listing), bids: d.bids.map(bidToJson), sales: d.sales.map(saleToJson) };
}

export type ActivityResponse = { blockNumber: string; items: ActivityJson[] };

export async function activityResponse(q: ActivityQuery): Promise<ActivityResponse> {
  const index = getListingIndex();
  await index.fresh();
  return { blockNumber: String(index.indexedBlock), items: (await recentActivity(index.db, q)).map(activityToJson) };
}

/** The body of GET /api/portfolio/[address]: a page of what the account holds. */
export function portfolioResponse(owner: Address, q: PortfolioQuery): Promise<PortfolioResponse> {
  return fromIndex(async (db) => {
    const page = await portfolioOf(db, owner, q);
    return { owner, total: page.total, offset: q.offset, limit: q.limit, items: page.items.map(portfolioItemToJson) };
  });
}

export type TokenHistoryResponse = { blockNumber: string; tokenId: string; bids: BidJson[]; sales: SaleJson[] };

/** The body of GET /api/tokens/[id]/history: every bid and sale of the token, oldest first (empty if none). */
export function tokenHistoryResponse(tokenId: bigint): Promise<TokenHistoryResponse> {
  return fromIndex(async (db) => {
    const h = await tokenHistory(db, tokenId);
    return { tokenId: tokenId.toString(), bids: h.bids.map(bidToJson), sales: h.sales.map(saleToJson) };
  });
}

/** A handler body over the index brought up to the chain first. */
async function fromIndex<T>(body: (db: IndexDb) => Promise<T>): Promise<{ blockNumber: string } & T> {
  const index = getListingIndex();
  await index.fresh();
  const blockNumber = String(index.indexedBlock); // read before the query: the answer is at least this fresh
  return { blockNumber, ...(await body(index.db)) };
}

export const proposalsResponse = (): Promise<ProposalsResponse> => fromIndex(async (db) => ({ items: await proposalsList(db) }));
export const depositsResponse = (productIds: number[]): Promise<DepositsResponse> => fromIndex(async (db) => ({ items: await depositsOf(db, productIds) }));
export const purchasesResponse = (buyer: Address): Promise<PurchasesResponse> => fromIndex(async (db) => ({ items: await purchasesOf(db, buyer) }));
export const redemptionsResponse = (account: Address): Promise<RedemptionsResponse> => fromIndex(async (db) => ({ items: await redemptionsOf(db, account) }));
export const positionsResponse = (): Promise<PositionsResponse> => fromIndex(async (db) => ({ items: await positionsList(db) }));

/** Revenue's month 0 start and month length: immutable, so read from the chain once per deployment. */
const revenueClock = new Map<string, Promise<[bigint, bigint]>>();
function readRevenueClock(): Promise<[bigint, bigint]> {
  const revenue = getDeployment().Revenue;
  let clock = revenueClock.get(revenue);
  if (!clock) {
    const client = getServerClient();
    clock = Promise.all([
      client.readContract({ address: revenue, abi: revenueAbi, functionName: 'start' }),
      client.readContract({ address: revenue, abi: revenueAbi, functionName: 'MONTH' }),
    ]);
    clock.catch(() => revenueClock.delete(revenue)); // the next request reads again
    revenueClock.set(revenue, clock);
  }
  return clock;
}

/** The body of GET /api/treasury/history: revenue by month and source, each close, every buyback, newest first. */
export function treasuryHistoryResponse() {
  return fromIndex(async (db) => {
    const [start, month] = await readRevenueClock();
    return encodeTreasuryHistory(await treasuryHistoryOf(db, start, month));
  });
}

/** The body of GET /api/nodes/[address]/sales: the sales that paid the node, newest first. */
export const nodeSalesResponse = (node: Address) => fromIndex(async (db) => encodeNodeSales(await nodeSalesOf(db, node)));

/** The body of GET /api/earn/staked/[address]: the NFTs the account has staked in mining now. */
export const stakedNftsResponse = (account: Address): Promise<StakedNftsResponse> => fromIndex(async (db) => ({ items: await stakedNftsOf(db, account) }));

/** The body of GET /api/products/health: the mark of each product (lib/escrow/health), or the ids that are not
 * products the index knows. */
export async function productHealthResponse(ids: bigint[]): Promise<ProductHealthResponse | { unknown: bigint[] }> {
  const index = getListingIndex();
  await index.fresh();
  const rows = (await sql<{ product_id: bigint }>`SELECT product_id FROM products WHERE product_id IN (${sql.join(ids.map((id) => int(id)))})`.execute(index.db)).rows;
  const known = new Set(rows.map((r) => BigInt(r.product_id)));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) return { unknown };
  return { items: (await readProductHealths(ids)).map(healthToJson) };
}

/** The body of GET /api/market/stats: the floor per coin, 24 h and 7 d sales, live listings. */
export async function marketStatsResponse(): Promise<MarketStatsJson> {
  const index = getListingIndex();
  await index.fresh();
  const now = index.chainTime;
  const s = await marketStats(index.db, now);
  return {
    chainTime: now.toString(),
    floor: s.floor.map((f) => ({ coin: f.coin, pricePerUnitDay: f.pricePerUnitDay.toString(), tokenId: f.tokenId.toString() })),
    day: { count: s.day.count, volume: s.day.volume.toString() },
    week: { count: s.week.count, volume: s.week.volume.toString() },
    live: s.live,
  };
}

/** The live product sales with NFTs left, newest product first. */
export async function productSalesResponse(): Promise<{ chainTime: string; sales: ProductSaleJson[] }> {
  const index = getListingIndex();
  await index.fresh();
  const rows = await index.db
    .selectFrom('product_sales as s')
    .innerJoin('products as p', 'p.product_id', 's.product_id')
    .select(['s.product_id', 's.seller', 's.price', 's.next_serial', 's.last_serial', 'p.miner_name', 'p.coin', 'p.node_id', 'p.hashrate', 'p.nft_count', 'p.term_start', 'p.term_end', 'p.daily_yield'])
    .where('s.status', '=', 'live')
    .whereRef('s.next_serial', '<=', 's.last_serial')
    .orderBy('s.product_id', 'desc')
    .execute();
  return {
    chainTime: index.chainTime.toString(),
    sales: rows.map((r) => ({
      productId: String(r.product_id),
      seller: r.seller,
      minerName: r.miner_name,
      coin: r.coin,
      nodeId: r.node_id,
      hashrate: Number(r.hashrate),
      nftCount: Number(r.nft_count),
      price: r.price,
      nextTokenId: (BigInt(r.product_id) * 1_000_000n + BigInt(r.next_serial)).toString(),
      remaining: Number(r.last_serial) - Number(r.next_serial) + 1,
      termStart: Number(r.term_start),
      termEnd: Number(r.term_end),
      dailyYield: r.daily_yield,
    })),
  };
}
