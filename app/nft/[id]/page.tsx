import type { Metadata } from 'next';
import { connection } from 'next/server';
import { NftView } from '@/components/nft/NftView';
import { getServerClient } from '@/lib/chain/serverClient';
import { getTranslator } from '@/lib/i18n/server';
import { readTokenState, type TokenState } from '@/lib/market/tokenState';
import { readProductRecords, type ServerRecord } from '@/lib/escrow/healthServer';
import { productHealth } from '@/lib/escrow/health';
import { tokenIdSchema } from '@/lib/nft/tokenId';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `#${(await params).id}` };
}

/**
 * The server's reads for the first paint. The browser takes them as fresh as of `readAt` and reads again only once
 * they are stale, so hydrating the page does not repeat them (the miner's record alone is two reads per day of term).
 * `initialState` is undefined when the read failed: the browser reads it again and says what failed.
 */
async function readForFirstPaint(tokenId: bigint): Promise<{ readAt: number; initialState?: TokenState | null; initialRecord?: ServerRecord }> {
  const readAt = Date.now();
  try {
    const initialState = await readTokenState(getServerClient(), tokenId);
    const [initialRecord] = initialState ? await readProductRecords([initialState.product.productId]) : [];
    return { readAt, initialState, initialRecord };
  } catch {
    return { readAt };
  }
}

/**
 * One hashrate NFT: every attribute, its owner and listing, and the buy panel. The server reads the token for the
 * first paint (the page arrives whole, nothing shifts when the chain answers); the browser keeps it live.
 */
export default async function NftPage({ params }: Props) {
  const { id } = await params;
  const parsed = tokenIdSchema.safeParse(id);
  if (!parsed.success) {
    const { t } = await getTranslator();
    return (
      <p role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-900">
        {t('nft.invalidId', { id: decodeURIComponent(id).slice(0, 80) })}
      </p>
    );
  }
  await connection();
  const { readAt, initialState, initialRecord } = await readForFirstPaint(parsed.data);
  return (
    <NftView
      tokenId={parsed.data.toString()}
      initialState={initialState}
      initialRecord={initialRecord}
      initialHealth={initialRecord ? [productHealth(initialRecord.record)] : undefined}
      readAt={readAt}
    />
  );
}
