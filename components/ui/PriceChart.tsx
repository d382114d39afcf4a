'use client';

import { formatUsd } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { CHART_H as H, CHART_W as W, chartPath, type PricePoint } from '@/lib/market/priceChart';

/** A small line chart of a token's past sale prices (oldest to newest), with the range in words. */
export function PriceChart({ points }: { points: PricePoint[] }) {
  const { t, tag } = useI18n();
  if (points.length === 0) return <p className="text-sm text-slate-500" data-testid="price-history-empty">{t('history.none')}</p>;
  const prices = points.map((p) => p.price);
  const lo = prices.reduce((a, b) => (b < a ? b : a));
  const hi = prices.reduce((a, b) => (b > a ? b : a));
  return (
    <figure data-testid="price-history">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-24 w-full" role="img" aria-label={t('history.chartLabel', { count: points.length, low: formatUsd(lo, tag), high: formatUsd(hi, tag) })}>
        <path d={chartPath(points)} fill="none" stroke="#0284c7" strokeWidth={2} />
        {points.length === 1 ? <circle cx={W / 2} cy={H / 2} r={3} fill="#0284c7" /> : null}
      </svg>
      <figcaption className="text-xs text-slate-500">{t('history.range', { count: points.length, low: formatUsd(lo, tag), high: formatUsd(hi, tag) })}</figcaption>
    </figure>
  );
}
