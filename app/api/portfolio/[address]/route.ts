import { connection, type NextRequest } from 'next/server';
import { handlePortfolio } from '@/lib/index/handlers';

/**
 * GET /api/portfolio/[address] — the hashrate NFTs the account holds, from the index, in token id order, each
 * with its product and the account's own open fixed-price listing. Pages: limit (1–1000, default 1000) and
 * offset; `total` counts every token held. 400 with a message on a bad address or query.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ address: string }> }) {
  await connection();
  return handlePortfolio(await context.params, request.nextUrl.searchParams);
}
