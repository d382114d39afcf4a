import { connection } from 'next/server';
import { handleMarketStats } from '@/lib/index/handlers';

/**
 * GET /api/market/stats — the market header's figures from the index: the cheapest live fixed-price listing per
 * coin in USDT base units per TiB (TH/s) per day of term left, sales over the last 24 hours and 7 days of chain
 * time (count and USDT paid), and the number of live listings. 503 when the chain cannot be reached.
 */
export async function GET() {
  await connection();
  return handleMarketStats();
}
