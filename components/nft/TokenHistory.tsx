'use client';

import { PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { formatUsd } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { useTokenHistory } from '@/lib/market/auction';
import { useActivity } from '@/lib/market/hooks';
import { AddressLabel } from '../ui/AddressLabel';
import { LocalDate } from '../ui/LocalDate';
import { PriceChart } from '../ui/PriceChart';

/** The item page's price history (a chart of past sales) and activity feed (sales and bids, newest first). */
export function TokenHistory({ tokenId }: { tokenId: bigint }) {
  const { t, tag } = useI18n();
  const history = useTokenHistory(tokenId);
  // The chart: every sale of the product's NFTs (identical hashrate and term), so a token sold once still has a history.
  const productId = tokenId / 1_000_000n;
  const productSales = useActivity({ limit: 100, product: productId, type: 'sale' });
  const salePoints = (productSales.data?.items ?? [])
    .map((a) => ({ time: BigInt(a.timestamp), price: BigInt(a.kind === 'sale' ? a.price : a.amount) }))
    .reverse();
  const events = history.data
    ? [
        ...history.data.sales.map((s) => ({ time: s.time, kind: s.kind === 'auction' ? t('activity.won') : t('activity.sold'), who: s.buyer, amount: s.price })),
        ...history.data.bids.map((b) => ({ time: b.time, kind: t('activity.bid'), who: b.bidder, amount: b.amount })),
      ].sort((a, b) => (a.time > b.time ? -1 : a.time < b.time ? 1 : 0))
    : [];
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" aria-labelledby="history-title">
      <h2 id="history-title" className="text-lg font-semibold">{t('history.title')}</h2>
      {history.isPending ? (
        <div className="h-24 animate-pulse rounded bg-slate-100" aria-busy="true" />
      ) : history.error ? (
        <p role="alert" className="text-sm text-red-700">{t('history.error')}</p>
      ) : (
        <>
          {productSales.isPending ? (
            <div className="h-24 animate-pulse rounded bg-slate-100" aria-busy="true" />
          ) : (
            <PriceChart points={salePoints} label={t('history.productSales', { id: productId.toString() })} />
          )}
          {events.length > 0 ? (
            <ol className="divide-y divide-slate-100 text-sm" data-testid="activity">
              {events.map((e, i) => (
                <li key={i} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                  <span>
                    <span className="font-medium">{e.kind}</span> <AddressLabel address={e.who} />
                  </span>
                  <span>
                    {formatUsd(e.amount, tag)} {PAYMENT_SYMBOL} · <span className="text-slate-500"><LocalDate seconds={e.time} withTime /></span>
                  </span>
                </li>
              ))}
            </ol>
          ) : null}
        </>
      )}
    </section>
  );
}
