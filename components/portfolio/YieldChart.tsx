'use client';

import { formatAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';

const W = 600;
const H = 140;

/** Bars of yield per UTC day (oldest left), with each day's amount on hover and the period's total below. */
export function YieldChart({ points, decimals, symbol }: { points: { day: bigint; value: bigint }[]; decimals: number; symbol: string }) {
  const { t, tag } = useI18n();
  const max = points.reduce((m, p) => (p.value > m ? p.value : m), 0n);
  const total = points.reduce((s, p) => s + p.value, 0n);
  const fmt = (v: bigint) => formatAmount(v, decimals, { locale: tag, maxFractionDigits: 8 });
  const slot = W / Math.max(points.length, 1);
  const bar = Math.max(slot * 0.7, 1);
  const date = (day: bigint) => new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);
  const label = t('yield.chart.label', { days: points.length, total: fmt(total), symbol });
  return (
    <figure data-testid="yield-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-36 w-full" role="img" aria-label={label} preserveAspectRatio="none">
        <line x1={0} y1={H - 0.5} x2={W} y2={H - 0.5} stroke="#cbd5e1" strokeWidth={1} />
        {points.map((p, i) => {
          const h = max === 0n ? 0 : Math.max((Number((p.value * 10_000n) / max) / 10_000) * (H - 4), p.value > 0n ? 2 : 0);
          return (
            <rect
              key={p.day.toString()}
              x={i * slot + (slot - bar) / 2}
              y={H - h}
              width={bar}
              height={h}
              fill="#0284c7"
              data-testid="yield-bar"
              data-date={date(p.day)}
              data-value={p.value.toString()}
            >
              <title>{`${date(p.day)} (UTC): ${fmt(p.value)} ${symbol}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="flex justify-between text-xs text-slate-500">
        <span>{points[0] ? date(points[0].day) : ''}</span>
        <span data-testid="yield-chart-total" data-value={total.toString()}>
          {label}
        </span>
        <span>{points.at(-1) ? date(points.at(-1)!.day) : ''}</span>
      </figcaption>
    </figure>
  );
}
