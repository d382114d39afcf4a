'use client';

import Link from 'next/link';
import { PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { formatAmount, formatSmallAmount } from '@/lib/format/amount';
import { hashrateUnit } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { useMarketStats } from '@/lib/market/hooks';
import type { MarketStatsJson } from '@/lib/market/stats';

/** The market's figures above the listings: the floor per hashrate unit per day, 24 h and 7 d sales, live listings. */
export function MarketHeader({ initialData }: { initialData?: MarketStatsJson }) {
  const { t, tag } = useI18n();
  const stats = useMarketStats(initialData);
  const usdt = (v: bigint) => `${formatAmount(v, PAYMENT_DECIMALS, { locale: tag, minFractionDigits: 2, maxFractionDigits: 2 })} ${PAYMENT_SYMBOL}`;
  if (stats.isPending) return <div className="h-20 animate-pulse rounded-xl border border-slate-200 bg-white" aria-busy="true" />;
  if (stats.error) return null; // the listings below say what is wrong with the index
  const s = stats.data;
  const cell = 'rounded-xl border border-slate-200 bg-white px-4 py-3';
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="market-stats">
      <div className={cell}>
        <dt className="text-xs text-slate-500">{t('market.stats.floor')}</dt>
        {s.floor.length === 0 ? (
          <dd className="text-lg font-semibold text-slate-400">—</dd>
        ) : (
          s.floor.map((f) => (
            <dd key={f.coin} className="text-lg font-semibold" data-testid={`stats-floor-${f.coin}`} data-value={f.pricePerUnitDay.toString()}>
              <Link href={`/nft/${f.tokenId}`} className="hover:underline">
                {formatSmallAmount(f.pricePerUnitDay, PAYMENT_DECIMALS, { locale: tag })} {PAYMENT_SYMBOL}
              </Link>
              <span className="block text-xs font-normal text-slate-500">{t('market.stats.perUnitDay', { unit: hashrateUnit(f.coin), coin: f.coin })}</span>
            </dd>
          ))
        )}
      </div>
      <div className={cell}>
        <dt className="text-xs text-slate-500">{t('market.stats.day')}</dt>
        <dd className="text-lg font-semibold" data-testid="stats-day" data-value={s.day.volume.toString()}>{usdt(s.day.volume)}</dd>
        <dd className="text-xs text-slate-500">{t('market.stats.sales', { count: s.day.count })}</dd>
      </div>
      <div className={cell}>
        <dt className="text-xs text-slate-500">{t('market.stats.week')}</dt>
        <dd className="text-lg font-semibold" data-testid="stats-week" data-value={s.week.volume.toString()}>{usdt(s.week.volume)}</dd>
        <dd className="text-xs text-slate-500">{t('market.stats.sales', { count: s.week.count })}</dd>
      </div>
      <div className={cell}>
        <dt className="text-xs text-slate-500">{t('market.stats.live')}</dt>
        <dd className="text-lg font-semibold" data-testid="stats-live">{s.live.toLocaleString(tag)}</dd>
      </div>
    </dl>
  );
}
