'use client';

import { formatAmount } from '@/lib/format/amount';
import { formatDate } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { emittedAt, MINING_CAP, schedulePoints } from '@/lib/earn/schedule';
import { useMounted } from '@/lib/useMounted';

const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

/**
 * The cumulative emission from the start to past the cap, as a line sampled every 10 days (its slope halves at each
 * halving), the 50M cap dashed, halvings marked, the part already emitted filled, and a marker at now.
 */
export function EmissionChart({ start, now }: { start: bigint; now: bigint }) {
  const { t, tag } = useI18n();
  const mounted = useMounted();
  const points = schedulePoints(start, now);
  if (points.length === 0) return <p className="text-sm text-slate-500">{t('mining.chart.noStart')}</p>;
  const end = points.at(-1)!.time + (points.at(-1)!.time - start) / 10n;
  const span = Number(end - start);
  const x = (time: bigint) => PAD.left + (Number(time - start) / span) * (W - PAD.left - PAD.right);
  const y = (amount: bigint) => H - PAD.bottom - (Number((amount * 1000n) / MINING_CAP) / 1000) * (H - PAD.top - PAD.bottom);
  const step = 10n * 86_400n;
  const samples: bigint[] = [];
  for (let s = start; s <= end; s += step) samples.push(s);
  samples.push(end);
  const line = samples.map((s, i) => `${i ? 'L' : 'M'}${x(s).toFixed(1)},${y(emittedAt(start, s)).toFixed(1)}`).join(' ');
  const past = samples.filter((s) => s <= now);
  const area =
    now > start
      ? `M${x(start)},${y(0n)} ${[...past, now].map((s) => `L${x(s).toFixed(1)},${y(emittedAt(start, s)).toFixed(1)}`).join(' ')} L${x(now).toFixed(1)},${y(0n)} Z`
      : '';
  const halvings = points.filter((p) => p.kind === 'halving');
  const cap = points.find((p) => p.kind === 'cap')!;
  const dmc = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 0 });
  return (
    <figure data-testid="emission-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={t('mining.chart.label', { cap: dmc(MINING_CAP) })}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(MINING_CAP)} y2={y(MINING_CAP)} stroke="#dc2626" strokeDasharray="4 4" />
        <text x={PAD.left + 4} y={y(MINING_CAP) - 4} fontSize="11" fill="#dc2626">
          {t('mining.chart.cap', { cap: dmc(MINING_CAP) })}
        </text>
        {[0n, MINING_CAP / 2n].map((v) => (
          <text key={v.toString()} x={PAD.left - 6} y={y(v) + 4} fontSize="10" textAnchor="end" fill="#64748b">
            {formatAmount(v / 10n ** 24n, 0, { locale: tag })}M
          </text>
        ))}
        {area ? <path d={area} fill="#bae6fd" opacity="0.7" /> : null}
        <path d={line} fill="none" stroke="#0284c7" strokeWidth="2" />
        {halvings.map((h, i) => (
          <g key={h.time.toString()}>
            <line x1={x(h.time)} x2={x(h.time)} y1={PAD.top} y2={H - PAD.bottom} stroke="#cbd5e1" strokeDasharray="2 3" />
            <text x={x(h.time)} y={H - PAD.bottom + 14} fontSize="10" textAnchor="middle" fill="#64748b">
              {t('mining.chart.halving', { n: i + 1 })}
            </text>
            <text x={x(h.time)} y={H - PAD.bottom + 27} fontSize="9" textAnchor="middle" fill="#94a3b8">
              {mounted ? formatDate(h.time, tag) : ''}
            </text>
          </g>
        ))}
        <circle cx={x(cap.time)} cy={y(MINING_CAP)} r="3" fill="#dc2626" />
        {now > start && now < cap.time ? <circle cx={x(now)} cy={y(emittedAt(start, now))} r="4" fill="#0f172a" data-testid="emission-now" /> : null}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500">
        {t('mining.chart.caption', { emitted: dmc(emittedAt(start, now)), cap: dmc(MINING_CAP) })}
        {mounted ? ` ${t('mining.chart.capOn', { date: formatDate(cap.time, tag) })}` : ''}
      </figcaption>
    </figure>
  );
}
