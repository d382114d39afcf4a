import { NextResponse, connection } from 'next/server';
import { getServerClient } from '@/lib/chain/serverClient';
import { getDeployment } from '@/lib/chain/contracts';

/** GET /api/health — 200 when the chain answers and the contracts are deployed there, else 503. */
export async function GET() {
  await connection();
  try {
    const client = getServerClient();
    const { HashrateNFT, Marketplace } = getDeployment();
    const [blockNumber, nftCode, marketCode] = await Promise.all([
      client.getBlockNumber(),
      client.getCode({ address: HashrateNFT }),
      client.getCode({ address: Marketplace }),
    ]);
    const deployed = Boolean(nftCode && nftCode !== '0x' && marketCode && marketCode !== '0x');
    return NextResponse.json(
      { ok: deployed, chainId: client.chain.id, blockNumber: blockNumber.toString(), deployed },
      { status: deployed ? 200 : 503 },
    );
  } catch (error) {
    return NextResponse.json({ ok: false, error: (error as Error).message.split('\n')[0] }, { status: 503 });
  }
}
