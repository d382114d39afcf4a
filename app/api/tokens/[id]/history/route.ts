import { connection, type NextRequest } from 'next/server';
import { handleTokenHistory } from '@/lib/index/handlers';

/** GET /api/tokens/[id]/history — every bid on the token (all its auctions) and every sale of it, oldest first, from the index. */
export async function GET(_request: NextRequest, context: { params: Promise<{ id: string }> }) {
  await connection();
  return handleTokenHistory(await context.params);
}
