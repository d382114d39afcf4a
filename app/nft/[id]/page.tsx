import type { Metadata } from 'next';
import { NftView } from '@/components/nft/NftView';
import { getTranslator } from '@/lib/i18n/server';
import { tokenIdSchema } from '@/lib/nft/tokenId';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `#${(await params).id}` };
}

/** One hashrate NFT: every attribute, its owner and listing, and the buy panel. Live data is read in the browser. */
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
  return <NftView tokenId={parsed.data.toString()} />;
}
