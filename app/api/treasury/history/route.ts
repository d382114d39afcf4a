import { connection, NextResponse } from 'next/server';
import { getServerClient } from '@/lib/chain/serverClient';
import { isUnreachable, jsonError } from '@/lib/http';
import { encodeTreasuryHistory } from '@/lib/treasury/history';
import { readTreasuryHistory } from '@/lib/treasury/read';

/**
 * GET /api/treasury/history — platform revenue by month and source, each month's close (to the buyback budget and
 * to the treasury) and every buyback with the DMC supply after it, newest first, from Revenue's events (read by the
 * server; the browser never scans logs). 503 when the chain cannot be reached.
 */
export async function GET() {
  await connection();
  try {
    const history = await readTreasuryHistory(getServerClient());
    return NextResponse.json(encodeTreasuryHistory(history), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'The chain cannot be reached right now.');
    throw error;
  }
}
