import { connection, type NextRequest } from 'next/server';
import { handleListing } from '@/lib/index/handlers';

/** GET /api/listings/[id] — a token's latest listing (any status) with its bids, and the token's sales. 404 if never listed. */
export async function GET(_request: NextRequest, context: { params: Promise<{ id: string }> }) {
  await connection();
  return handleListing(await context.params);
}
