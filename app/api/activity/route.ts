import { NextResponse, connection, type NextRequest } from 'next/server';
import { describeZodError } from '@/lib/market/query';
import { activityQuerySchema } from '@/lib/index/query';
import { activityResponse } from '@/lib/index/api';
import { isUnreachable, jsonError } from '@/lib/http';

/** GET /api/activity — recent sales and bids, newest first. Query: limit (1–100, default 20), type=sale|bid, token. */
export async function GET(request: NextRequest) {
  await connection();
  const parsed = activityQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  try {
    return NextResponse.json(await activityResponse(parsed.data), { headers: { 'cache-control': 'public, max-age=2' } });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'the chain node cannot be reached; try again shortly');
    throw error;
  }
}
