'use client';

import { formatAmount } from '@/lib/format/amount';
import { formatDate } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { SUPPLY_FLOOR, type BuybackRecord } from '@/lib/treasury/read';
import { useMounted } from '@/lib/useMounted';

const W = 640;
const H = 220;
const PAD = { left: 64, right: 16, top: 16, bottom: 36 };

/**
 * The DMC supply after each buyback and now, from 0 to the supply's high, against the 21,000,000 floor (dashed):
 * a step line (the supply only moves at a burn), with each buyback marked.
 */
export function SupplyChart({ supply, now, buybacks }: { supply: bigint; now: bigint; buybacks: BuybackRecord[] }) {
  const { t, tag } = useI18n();
  const mounted = useMounted();
  // A buyback whose supply the index could not read (a pruned node) is left out of the line.
  const points = buybacks
    .flatMap((b) => (b.supplyAfter === null ? [] : [{ time: b.time, supply: b.supplyAfter, before: b.supplyAfter + b.burned }]))
    .sort((a, b) => a.time - b.time);
  const first = points[0];
  const startTime = first ? first.time - Math.max(86_400, (Number(now) - first.time) / 10) : Number(now) - 30 * 86_400;
  const endTime = Math.max(Number(now), startTime + 1);
  const high = [supply, ...points.map((p) => p.before)].reduce((a, b) => (a > b ? a : b), SUPPLY_FLOOR);
  const x = (time: number) => PAD.left + ((time - startTime) / (endTime - startTime)) * (W - PAD.left - PAD.right);
  const y = (v: bigint) => H - PAD.bottom - (Number((v * 10_000n) / high) / 10_000) * (H - PAD.top - PAD.bottom);
  let path = `M${x(startTime).toFixed(1)},${y(first ? first.before : supply).toFixed(1)}`;
  for (const p of points) path += ` L${x(p.time).toFixed(1)},${y(p.before).toFixed(1)} L${x(p.time).toFixed(1)},${y(p.supply).toFixed(1)}`;
  path += ` L${x(endTime).toFixed(1)},${y(supply).toFixed(1)}`;
  const millions = (v: bigint) => `${formatAmount(v / 10n ** 18n / 1_000_000n, 0, { locale: tag, maxFractionDigits: 0 })}M`;
  return (
    <figure data-testid="supply-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={t('treasury.chart.label', { floor: millions(SUPPLY_FLOOR), supply: millions(supply) })}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0n)} y2={y(0n)} className="stroke-slate-300" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={y(0n)} className="stroke-slate-300" />
        <line x1={PAD.left} x2={W - PAD.right} y1={y(SUPPLY_FLOOR)} y2={y(SUPPLY_FLOOR)} strokeDasharray="6 4" className="stroke-rose-500" />
        <text x={PAD.left - 6} y={y(SUPPLY_FLOOR) + 4} textAnchor="end" className="fill-rose-600 text-[11px]">
          {millions(SUPPLY_FLOOR)}
        </text>
        <text x={PAD.left - 6} y={y(high) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
          {millions(high)}
        </text>
        <text x={PAD.left - 6} y={y(0n) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
          0
        </text>
        <text x={W - PAD.right} y={y(SUPPLY_FLOOR) - 6} textAnchor="end" className="fill-rose-600 text-[11px]">
          {t('treasury.chart.floor')}
        </text>
        <path d={path} fill="none" strokeWidth={2} className="stroke-sky-600" data-testid="supply-line" />
        {points.map((p) => (
          <circle key={p.time} cx={x(p.time)} cy={y(p.supply)} r={3} className="fill-emerald-600" />
        ))}
        {mounted ? (
          <>
            <text x={PAD.left} y={H - 12} className="fill-slate-500 text-[11px]">
              {formatDate(BigInt(Math.floor(startTime)), tag)}
            </text>
            <text x={W - PAD.right} y={H - 12} textAnchor="end" className="fill-slate-500 text-[11px]">
              {formatDate(BigInt(endTime), tag)}
            </text>
          </>
        ) : null}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500">{buybacks.length === 0 ? t('treasury.chart.none') : t('treasury.chart.caption', { count: buybacks.length })}</figcaption>
    </figure>
  );
}
