import { connection, type NextRequest } from 'next/server';
import { handleProductHealth } from '@/lib/index/handlers';

/**
 * GET /api/products/health?ids=1,2 — each product's health mark (defaulted / halted / missed / short / paying /
 * upcoming) with the days paid on time of the days due, read from the chain (lib/escrow/health). 400 on a bad
 * list, 404 when an id is not a product, 503 when the chain cannot be reached.
 */
export async function GET(request: NextRequest) {
  await connection();
  return handleProductHealth(request.nextUrl.searchParams);
}
