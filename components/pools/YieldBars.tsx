'use client';

import { formatAmount } from '@/lib/format/amount';
import { formatDate } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

const W = 560;
const H = 180;
const PAD = { left: 56, right: 8, top: 12, bottom: 28 };

/** The yield the miner paid into the pool each UTC day (IFIL), the last 30 days, as bars with a scale and dates. */
export function YieldBars({ days }: { days: { day: bigint; amount: bigint }[] }) {
  const { t, tag } = useI18n();
  const mounted = useMounted();
  const max = days.reduce((m, d) => (d.amount > m ? d.amount : m), 0n);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, days.length);
  const h = (v: bigint) => (max === 0n ? 0 : (Number((v * 10_000n) / max) / 10_000) * (H - PAD.top - PAD.bottom));
  const first = days[0];
  const last = days.at(-1);
  return (
    <figure data-testid="jpool-yield-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={t('pools.chart.label', { max: formatAmount(max, 18, { locale: tag, maxFractionDigits: 4 }) })}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="stroke-slate-300" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="stroke-slate-300" />
        {max > 0n ? (
          <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
            {formatAmount(max, 18, { locale: tag, maxFractionDigits: 3 })}
          </text>
        ) : null}
        <text x={PAD.left - 6} y={H - PAD.bottom + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
          0
        </text>
        {days.map((d, i) => (
          <rect key={d.day.toString()} x={PAD.left + i * slot + 1} y={H - PAD.bottom - h(d.amount)} width={Math.max(1, slot - 2)} height={h(d.amount)} className="fill-emerald-500" data-day={d.day.toString()} data-amount={d.amount.toString()} />
        ))}
        {mounted && first && last ? (
          <>
            <text x={PAD.left} y={H - 8} className="fill-slate-500 text-[10px]">
              {formatDate(first.day * 86_400n, tag)}
            </text>
            <text x={W - PAD.right} y={H - 8} textAnchor="end" className="fill-slate-500 text-[10px]">
              {formatDate(last.day * 86_400n, tag)}
            </text>
          </>
        ) : null}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500">{max === 0n ? t('pools.chart.none') : t('pools.chart.caption')}</figcaption>
    </figure>
  );
}
