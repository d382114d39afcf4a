import type { Metadata } from 'next';
import { connection } from 'next/server';
import { NftView } from '@/components/nft/NftView';
import { getServerClient } from '@/lib/chain/serverClient';
import { getTranslator } from '@/lib/i18n/server';
import { readTokenState, type TokenState } from '@/lib/market/tokenState';
import { readProductHealths } from '@/lib/escrow/healthServer';
import type { ProductHealth } from '@/lib/escrow/health';
import { tokenIdSchema } from '@/lib/nft/tokenId';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `#${(await params).id}` };
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
  let initialState: TokenState | null | undefined;
  let initialHealth: ProductHealth[] | undefined;
  try {
    initialState = await readTokenState(getServerClient(), parsed.data);
    if (initialState) initialHealth = await readProductHealths([initialState.product.productId]);
  } catch {
    initialState = undefined; // the browser reads it again and says what failed
  }
  return <NftView tokenId={parsed.data.toString()} initialState={initialState} initialHealth={initialHealth} />;
}
