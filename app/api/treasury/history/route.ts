import { connection } from 'next/server';
import { handleTreasuryHistory } from '@/lib/index/handlers';

/**
 * GET /api/treasury/history — platform revenue by month and source, each month's close (to the buyback budget and
 * to the treasury) and every buyback with the DMC supply after it, newest first, from the index. 503 when the
 * chain cannot be reached.
 */
export async function GET() {
  await connection();
  return handleTreasuryHistory();
}
