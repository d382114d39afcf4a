import { connection, type NextRequest } from 'next/server';
import { handlePurchases } from '@/lib/index/handlers';

/** GET /api/portfolio/[address]/purchases — what the account paid for each token it bought (its latest purchase). */
export async function GET(_request: NextRequest, context: { params: Promise<{ address: string }> }) {
  await connection();
  return handlePurchases(await context.params);
}
