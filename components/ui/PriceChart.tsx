'use client';

import { formatUsd } from '@/lib/format/amount';
import { dateTimeFormat } from '@/lib/format/intl';
import { useI18n } from '@/lib/i18n/client';
import { chartPath, chartPoints, priceY, type PlotBox, type PricePoint } from '@/lib/market/priceChart';

const W = 480;
const H = 160;
const BOX: PlotBox = { left: 64, top: 8, width: W - 64 - 8, height: H - 8 - 28 };

/**
 * A line chart of sale prices (oldest to newest) with axes: the price (USDT) on the left at the lowest, middle and
 * highest sale, the first and last sale's date below, one dot per sale; the range in words under it.
 */
export function PriceChart({ points, label }: { points: PricePoint[]; label?: string }) {
  const { t, tag } = useI18n();
  if (points.length === 0) return <p className="text-sm text-slate-500" data-testid="price-history-empty">{t('history.none')}</p>;
  const prices = points.map((p) => p.price);
  const lo = prices.reduce((a, b) => (b < a ? b : a));
  const hi = prices.reduce((a, b) => (b > a ? b : a));
  const ticks = lo === hi ? [lo] : [lo, (lo + hi) / 2n, hi];
  const date = (s: bigint) => dateTimeFormat(tag, { month: 'short', day: 'numeric' }).format(new Date(Number(s) * 1000));
  const first = points[0]!.time;
  const last = points[points.length - 1]!.time;
  const dots = chartPoints(points, BOX);
  return (
    <figure data-testid="price-history">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={t('history.chartLabel', { count: points.length, low: formatUsd(lo, tag), high: formatUsd(hi, tag) })}>
        <g className="text-[11px]" fill="#64748b">
          {ticks.map((p) => {
            const y = priceY(p, lo, hi, BOX);
            return (
              <g key={p.toString()} data-testid="price-tick">
                <line x1={BOX.left} x2={BOX.left + BOX.width} y1={y} y2={y} stroke="#e2e8f0" />
                <text x={BOX.left - 6} y={y + 4} textAnchor="end">{formatUsd(p, tag)}</text>
              </g>
            );
          })}
          <line x1={BOX.left} x2={BOX.left} y1={BOX.top} y2={BOX.top + BOX.height} stroke="#94a3b8" />
          <line x1={BOX.left} x2={BOX.left + BOX.width} y1={BOX.top + BOX.height} y2={BOX.top + BOX.height} stroke="#94a3b8" />
          <text x={BOX.left} y={H - 8} data-testid="price-axis-start">{date(first)}</text>
          {last !== first ? <text x={BOX.left + BOX.width} y={H - 8} textAnchor="end" data-testid="price-axis-end">{date(last)}</text> : null}
          <text x={4} y={BOX.top + 4} className="text-[10px]">USDT</text>
        </g>
        <path d={chartPath(points, BOX)} fill="none" stroke="#0284c7" strokeWidth={2} />
        {dots.map((d, i) => <circle key={i} cx={d.x} cy={d.y} r={3} fill="#0284c7" />)}
      </svg>
      <figcaption className="text-xs text-slate-500">
        {label ? `${label} · ` : null}
        {t('history.range', { count: points.length, low: formatUsd(lo, tag), high: formatUsd(hi, tag) })}
      </figcaption>
    </figure>
  );
}
