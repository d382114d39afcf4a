import { connection, type NextRequest } from 'next/server';
import { handleDeposits } from '@/lib/index/handlers';

/** GET /api/yield/deposits?products=1,2 — every yield deposit (product, day, amount, payer) of the products, oldest first. 400 on a bad list. */
export async function GET(request: NextRequest) {
  await connection();
  return handleDeposits(request.nextUrl.searchParams);
}
