import { connection, type NextRequest } from 'next/server';
import { handleRedemptions } from '@/lib/index/handlers';

/** GET /api/ifil/redemptions/[address] — the account's IFIL redemptions to Filecoin (bridged chains), newest first. */
export async function GET(_request: NextRequest, context: { params: Promise<{ address: string }> }) {
  await connection();
  return handleRedemptions(await context.params);
}
