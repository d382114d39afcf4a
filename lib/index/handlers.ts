import 'server-only';
import { NextResponse } from 'next/server';
import type { Address } from 'viem';
import { z } from 'zod';
import { isUnreachable, jsonError } from '../http';
import { describeZodError } from '../market/query';
import { activityResponse, depositsResponse, marketStatsResponse, productSalesResponse, nodeSalesResponse, productHealthResponse, stakedNftsResponse, treasuryHistoryResponse, positionsResponse, listingDetailResponse, listingsResponse, portfolioResponse, proposalsResponse, purchasesResponse, redemptionsResponse, tokenHistoryResponse } from './api';
import { depositsQuerySchema } from './history';
import { productHealthQuerySchema } from '../escrow/healthQuery';
import { portfolioParamsSchema, portfolioQuerySchema } from './portfolio';
import { activityQuerySchema, indexListingsQuerySchema } from './query';

// The API's route handlers without Next's request scope, so tests and the benchmark can call them directly;
// app/api/* adds `await connection()` and delegates here.

const cacheHeaders = { 'cache-control': 'public, max-age=2' };

/** `body` returns the JSON body, null for a 404 with `notFound`, or a response of its own (an error in words). */
async function respond<T>(body: () => Promise<T | null | NextResponse>, notFound?: string, headers: Record<string, string> = cacheHeaders): Promise<NextResponse> {
  try {
    const value = await body();
    if (value instanceof NextResponse) return value;
    if (value === null) return jsonError(404, notFound ?? 'not found');
    return NextResponse.json(value, { headers });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'the chain node cannot be reached; try again shortly');
    throw error;
  }
}

/** GET /api/listings */
export async function handleListings(search: URLSearchParams): Promise<NextResponse> {
  const parsed = indexListingsQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  return respond(() => listingsResponse(parsed.data));
}

const tokenIdParam = z.object({ id: z.string().regex(/^\d{1,30}$/, 'must be a token id (digits)').transform((v) => BigInt(v)) });

/** GET /api/listings/[id] */
export async function handleListing(params: { id: string }): Promise<NextResponse> {
  const parsed = tokenIdParam.safeParse(params);
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  return respond(() => listingDetailResponse(parsed.data.id), `token ${parsed.data.id} has never been listed`);
}

/** GET /api/activity */
export async function handleActivity(search: URLSearchParams): Promise<NextResponse> {
  const parsed = activityQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  return respond(() => activityResponse(parsed.data));
}

/** GET /api/portfolio/[address] */
export async function handlePortfolio(params: { address: string }, search: URLSearchParams): Promise<NextResponse> {
  const who = portfolioParamsSchema.safeParse(params);
  if (!who.success) return jsonError(400, describeZodError(who.error));
  const q = portfolioQuerySchema.safeParse(Object.fromEntries(search));
  if (!q.success) return jsonError(400, describeZodError(q.error));
  // One account's holdings change with its own transactions: never served from a cache after a purchase.
  return respond(() => portfolioResponse(who.data.address, q.data), undefined, { 'cache-control': 'no-store' });
}

/** GET /api/tokens/[id]/history */
export async function handleTokenHistory(params: { id: string }): Promise<NextResponse> {
  const parsed = tokenIdParam.safeParse(params);
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  return respond(() => tokenHistoryResponse(parsed.data.id), undefined, { 'cache-control': 'no-store' });
}

const noStore = { 'cache-control': 'no-store' };

/** GET /api/proposals */
export async function handleProposals(): Promise<NextResponse> {
  return respond(() => proposalsResponse(), undefined, noStore);
}

/** GET /api/yield/deposits?products=1,2 */
export async function handleDeposits(search: URLSearchParams): Promise<NextResponse> {
  const parsed = depositsQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  return respond(() => depositsResponse(parsed.data.products), undefined, noStore);
}

/** A route on one account (`[address]`): a bad address is a 400 with the reason; never cached (the account's own
 * transactions change the answer). */
function forAddress<T>(params: { address: string }, body: (address: Address) => Promise<T>): Promise<NextResponse> {
  const who = portfolioParamsSchema.safeParse(params);
  if (!who.success) return Promise.resolve(jsonError(400, describeZodError(who.error)));
  return respond(() => body(who.data.address), undefined, noStore);
}

/** GET /api/portfolio/[address]/purchases */
export const handlePurchases = (params: { address: string }) => forAddress(params, purchasesResponse);

/** GET /api/ifil/redemptions/[address] */
export const handleRedemptions = (params: { address: string }) => forAddress(params, redemptionsResponse);

/** GET /api/loans/positions */
export async function handlePositions(): Promise<NextResponse> {
  return respond(() => positionsResponse(), undefined, noStore);
}

/** GET /api/products/health?ids=1,2 */
export async function handleProductHealth(search: URLSearchParams): Promise<NextResponse> {
  const parsed = productHealthQuerySchema.safeParse(Object.fromEntries(search));
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  return respond(async () => {
    const r = await productHealthResponse(parsed.data.ids);
    return 'unknown' in r ? jsonError(404, `no product ${r.unknown.join(', ')}`) : r;
  }, undefined, noStore);
}

/** GET /api/market/stats */
export async function handleMarketStats(): Promise<NextResponse> {
  return respond(() => marketStatsResponse());
}

/** GET /api/market/product-sales */
export async function handleProductSales(): Promise<NextResponse> {
  return respond(() => productSalesResponse());
}

/** GET /api/treasury/history */
export async function handleTreasuryHistory(): Promise<NextResponse> {
  return respond(() => treasuryHistoryResponse(), undefined, noStore);
}

/** GET /api/nodes/[address]/sales */
export const handleNodeSales = (params: { address: string }) => forAddress(params, nodeSalesResponse);

/** GET /api/earn/staked/[address] */
export const handleStakedNfts = (params: { address: string }) => forAddress(params, stakedNftsResponse);
