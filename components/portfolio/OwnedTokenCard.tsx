'use client';

import Link from 'next/link';
import { formatUsd } from '@/lib/format/amount';
import { formatHashrate } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import type { OwnedToken } from '@/lib/market/hooks';
import { serialOf } from '@/lib/nft/metadata';
import type { ProductHealth } from '@/lib/escrow/health';
import { HealthBadge } from '../escrow/HealthBadge';

/** One NFT the account holds, with its miner's health mark (a halted or defaulted product has a refund to claim). */
export function OwnedTokenCard({ token, health, healthLoading }: { token: OwnedToken; health?: ProductHealth; healthLoading?: boolean }) {
  const { t, tag } = useI18n();
  const p = token.product;
  const hashrate = formatHashrate(p.hashratePerNFT, p.coin, tag);
  return (
    <Link
      href={`/nft/${token.tokenId}`}
      data-testid={`owned-${token.tokenId}`}
      className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-sky-400"
    >
      <p className="text-lg font-semibold">
        {t('nft.title', { hashrate, coin: p.coin })} #{serialOf(token.tokenId).toString()}
      </p>
      <p className="text-sm text-slate-600">
        <span className="font-mono">{p.nodeId}</span> · {t('nft.attr.product')} {p.productId.toString()}
      </p>
      <HealthBadge health={health} loading={healthLoading} className="mt-2" />
      {token.listing ? (
        <p className="mt-2 inline-block rounded bg-violet-100 px-2 py-0.5 text-xs text-violet-800">
          {t('portfolio.listed', { price: formatUsd(token.listing.price, tag) })}
        </p>
      ) : null}
    </Link>
  );
}
