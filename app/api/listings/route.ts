import { connection, type NextRequest } from 'next/server';
import { handleListings } from '@/lib/index/handlers';

/**
 * GET /api/listings — listings from the event index (lib/index), with their NFT attributes.
 * Filters: coin=FIL|BTC, miner, seller, product, sale=primary|resale, type=fixed|auction,
 * status=live|ended|sold|stale|cancelled (comma-separated, or all; default live), minPrice/maxPrice and
 * minUnitPrice/maxUnitPrice (payment token base units; unit price per hashrate unit per day of term left),
 * minDaysLeft/maxDaysLeft, q (node id, miner address or name, seller address).
 * sort=price_asc|price_desc|unit_price_asc|unit_price_desc|term_left_desc|term_left_asc|ending_soon|newest|return_desc.
 * Pages: limit (1–100) with offset, or the opaque `cursor` from the previous page's `nextCursor`.
 * 400 with a message on a bad query; 503 when the chain cannot be reached.
 */
export async function GET(request: NextRequest) {
  await connection(); // chain state: never prerendered at build time
  return handleListings(request.nextUrl.searchParams);
}
