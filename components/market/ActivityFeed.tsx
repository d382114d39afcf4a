'use client';

import Link from 'next/link';
import { PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { formatAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { useActivity } from '@/lib/market/hooks';
import { serialOf } from '@/lib/nft/metadata';
import { AddressLabel } from '../ui/AddressLabel';
import { LocalDate } from '../ui/LocalDate';

/** The market's latest sales and bids, newest first, each linking to its NFT. */
export function ActivityFeed({ limit = 8 }: { limit?: number }) {
  const { t, tag } = useI18n();
  const activity = useActivity({ limit });
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="activity-title" data-testid="market-activity">
      <h2 id="activity-title" className="text-sm font-semibold">{t('market.activity.title')}</h2>
      {activity.isPending ? (
        <div className="h-24 animate-pulse rounded bg-slate-100" aria-busy="true" />
      ) : activity.error ? (
        <p role="alert" className="text-sm text-red-700">{t('market.activity.error')}</p>
      ) : activity.data.items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('market.activity.none')}</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {activity.data.items.map((a) => {
            const tokenId = BigInt(a.tokenId);
            const amount = BigInt(a.kind === 'sale' ? a.price : a.amount);
            return (
              <li key={`${a.blockNumber}-${a.txHash}-${a.kind}`} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 py-1.5" data-testid="activity-item" data-kind={a.kind}>
                <span>
                  <span className="font-medium">{a.kind === 'sale' ? (a.saleType === 'auction' ? t('activity.won') : t('activity.sold')) : t('activity.bid')}</span>{' '}
                  <AddressLabel address={a.kind === 'sale' ? a.buyer : a.bidder} />{' '}
                  <Link href={`/nft/${tokenId}`} className="text-sky-700 hover:underline">
                    {t('market.activity.token', { product: (tokenId / 1_000_000n).toString(), serial: serialOf(tokenId).toString() })}
                  </Link>
                </span>
                <span className="whitespace-nowrap">
                  {formatAmount(amount, PAYMENT_DECIMALS, { locale: tag, minFractionDigits: 2, maxFractionDigits: 2 })} {PAYMENT_SYMBOL} ·{' '}
                  <span className="text-slate-500"><LocalDate seconds={BigInt(a.timestamp)} withTime /></span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
