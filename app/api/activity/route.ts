import { connection, type NextRequest } from 'next/server';
import { handleActivity } from '@/lib/index/handlers';

/** GET /api/activity — recent sales and bids, newest first. Query: limit (1–100, default 20), type=sale|bid, token. */
export async function GET(request: NextRequest) {
  await connection();
  return handleActivity(request.nextUrl.searchParams);
}
