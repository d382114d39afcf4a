import { connection, type NextRequest } from 'next/server';
import { handleNodeSales } from '@/lib/index/handlers';

/**
 * GET /api/nodes/[address]/sales — the primary sales that paid this promotion node a commission (through its own
 * link) or an override (through a light node it recruited), newest first, from the index. 400 on a bad address.
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ address: string }> }) {
  await connection();
  return handleNodeSales(await context.params);
}
