'use client';

import Link from 'next/link';
import type { Address } from 'viem';
import { useEarn, useStakedNfts } from '@/lib/earn/hooks';
import { useI18n } from '@/lib/i18n/client';
import { Amount } from '../ui/Amount';

/** Portfolio: the account's NFTs staked in DMC mining (held by the mining contract) and its pending DMC, linking to /earn. */
export function StakedNfts({ account }: { account: Address }) {
  const { t } = useI18n();
  const staked = useStakedNfts(account);
  const earn = useEarn(account);
  const pending = earn.data?.pools.reduce((s, p) => s + p.pending, 0n) ?? 0n;
  if (!staked.data?.length && pending === 0n) return null;
  return (
    <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="staked-nfts">
      {staked.data?.length ? (
        <>
          <span className="font-medium">{t('portfolio.staked')}</span>{' '}
          {staked.data.map((s, i) => (
            <span key={s.tokenId.toString()} data-testid={`staked-${s.tokenId}`}>
              {i > 0 ? ', ' : ''}
              <Link href={`/nft/${s.tokenId}`} className="text-sky-700 hover:underline">
                NFT #{s.tokenId.toString()}
              </Link>
            </span>
          ))}
          {'. '}
        </>
      ) : null}
      <span data-testid="portfolio-pending-dmc">
        {t('portfolio.pendingDmc')} <Amount value={pending} decimals={18} symbol="DMC" maxFractionDigits={4} />
      </span>{' '}
      <Link href="/earn" className="font-medium text-sky-700 hover:underline">
        {t('portfolio.toEarn')}
      </Link>
    </p>
  );
}
