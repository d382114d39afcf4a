import { connection } from 'next/server';
import { handleProposals } from '@/lib/index/handlers';

/** GET /api/proposals — every Governor proposal as created (targets, calldatas, description, vote window), newest first, from the index. */
export async function GET() {
  await connection();
  return handleProposals();
}
