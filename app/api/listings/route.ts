import { NextResponse, connection, type NextRequest } from 'next/server';
import { getMarket } from '@/lib/market/read';
import { applyListingsQuery, describeZodError, listingsQuerySchema } from '@/lib/market/query';
import { listingToJson, type ListingsResponse } from '@/lib/market/json';
import { isUnreachable, jsonError } from '@/lib/http';

/**
 * GET /api/listings — active fixed-price listings with their NFT attributes.
 * Query: coin=FIL|BTC, miner, seller, product, sale=primary|resale,
 * sort=price_asc|price_desc|unit_price_asc|unit_price_desc|term_left_desc|term_left_asc, limit (1–100), offset.
 * 400 with a message on a bad query; 503 when the chain cannot be reached.
 */
export async function GET(request: NextRequest) {
  await connection(); // chain state: never prerendered at build time
  const parsed = listingsQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));

  try {
    const market = await getMarket();
    const { total, items } = applyListingsQuery(market.listings, parsed.data);
    const body: ListingsResponse = {
      chainTime: market.chainTime.toString(),
      blockNumber: market.blockNumber.toString(),
      total,
      offset: parsed.data.offset,
      limit: parsed.data.limit,
      items: items.map(listingToJson),
    };
    return NextResponse.json(body, { headers: { 'cache-control': 'public, max-age=2' } });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'the chain node cannot be reached; try again shortly');
    throw error;
  }
}
