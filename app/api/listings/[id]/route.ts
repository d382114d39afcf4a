import { NextResponse, connection, type NextRequest } from 'next/server';
import { z } from 'zod';
import { describeZodError } from '@/lib/market/query';
import { listingDetailResponse } from '@/lib/index/api';
import { isUnreachable, jsonError } from '@/lib/http';

const params = z.object({ id: z.string().regex(/^\d{1,30}$/, 'must be a token id (digits)').transform((v) => BigInt(v)) });

/** GET /api/listings/[id] — a token's latest listing (any status) with its bids, and the token's sales. */
export async function GET(_request: NextRequest, context: { params: Promise<{ id: string }> }) {
  await connection();
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  try {
    const body = await listingDetailResponse(parsed.data.id);
    if (!body) return jsonError(404, `token ${parsed.data.id} has never been listed`);
    return NextResponse.json(body, { headers: { 'cache-control': 'public, max-age=2' } });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'the chain node cannot be reached; try again shortly');
    throw error;
  }
}
