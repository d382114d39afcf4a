import { NextResponse, connection } from 'next/server';
import { getServerClient } from '@/lib/chain/serverClient';
import { getDeployment } from '@/lib/chain/contracts';
import { getListingIndex } from '@/lib/index/server';
import { storeKind } from '@/lib/index/store';

/**
 * GET /api/health — 200 when the chain answers and the contracts are deployed there, else 503. Also reports the
 * event index: the block it has reached, its lag behind the chain in blocks, when it last synced and its last
 * error (null when the last sync worked), its store (sqlite or postgres) and whether this process writes it (with
 * PostgreSQL one app process indexes and the others read).
 */
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
    const index = getListingIndex();
    const indexed = index.indexedBlock;
    return NextResponse.json(
      {
        ok: deployed,
        chainId: client.chain.id,
        blockNumber: blockNumber.toString(),
        deployed,
        index: {
          indexedBlock: indexed,
          lagBlocks: Math.max(0, Number(blockNumber) - indexed),
          lastSyncAt: index.lastSyncAt ? new Date(index.lastSyncAt).toISOString() : null,
          lastError: index.lastError ? index.lastError.message.split('\n')[0] : null,
          store: index.db ? storeKind(index.db) : null,
          writer: index.isWriter,
        },
      },
      { status: deployed ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return NextResponse.json({ ok: false, error: (error as Error).message.split('\n')[0] }, { status: 503 });
  }
}
