import { connection } from 'next/server';
import { handlePositions } from '@/lib/index/handlers';

/** GET /api/loans/positions — every LoanMarket position (offers, requests, loans) as the contract stores it, oldest first, from the index. */
export async function GET() {
  await connection();
  return handlePositions();
}
