import { connection, type NextRequest } from 'next/server';
import { handleStakedNfts } from '@/lib/index/handlers';

/**
 * GET /api/earn/staked/[address] — the hashrate NFTs the account has staked in DMC mining now (held by the mining
 * contract, so absent from /api/portfolio), each with its weight in thousandths of a TiB, from the index (its
 * NftStaked, NftUnstaked and NftEvicted events). 400 on a bad address.
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ address: string }> }) {
  await connection();
  return handleStakedNfts(await context.params);
}
