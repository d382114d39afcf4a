import { connection, NextResponse, type NextRequest } from 'next/server';
import { getServerClient } from '@/lib/chain/serverClient';
import { isUnreachable, jsonError } from '@/lib/http';
import { portfolioParamsSchema } from '@/lib/index/portfolio';
import { describeZodError } from '@/lib/market/query';
import { readNodeSales } from '@/lib/nodes/read';
import { encodeNodeSales } from '@/lib/nodes/sales';

/**
 * GET /api/nodes/[address]/sales — the primary sales that paid this promotion node a commission (through its own
 * link) or an override (through a light node it recruited), newest first, from the nodes contract's indexed events
 * (read by the server). 400 on a bad address, 503 when the chain cannot be reached.
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ address: string }> }) {
  await connection();
  const who = portfolioParamsSchema.safeParse(await context.params);
  if (!who.success) return jsonError(400, describeZodError(who.error));
  try {
    return NextResponse.json(encodeNodeSales(await readNodeSales(getServerClient(), who.data.address)), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'The chain cannot be reached right now.');
    throw error;
  }
}
