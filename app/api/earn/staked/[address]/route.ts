import { connection, NextResponse, type NextRequest } from 'next/server';
import { getServerClient } from '@/lib/chain/serverClient';
import { readStakedNfts } from '@/lib/earn/read';
import { isUnreachable, jsonError } from '@/lib/http';
import { portfolioParamsSchema } from '@/lib/index/portfolio';
import { describeZodError } from '@/lib/market/query';

/**
 * GET /api/earn/staked/[address] — the hashrate NFTs the account has staked in DMC mining now (held by the mining
 * contract, so absent from /api/portfolio), each with its weight in thousandths of a TiB, read from the chain: the
 * account's NftStaked events (an indexed topic the node filters) kept where the contract still names it.
 * 400 on a bad address, 503 when the chain cannot be reached.
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ address: string }> }) {
  await connection();
  const who = portfolioParamsSchema.safeParse(await context.params);
  if (!who.success) return jsonError(400, describeZodError(who.error));
  try {
    const staked = await readStakedNfts(getServerClient(), who.data.address);
    return NextResponse.json(
      { items: staked.map((s) => ({ tokenId: s.tokenId.toString(), weight: s.weight.toString() })) },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    if (isUnreachable(error)) return jsonError(503, 'The chain cannot be reached right now.');
    throw error;
  }
}
