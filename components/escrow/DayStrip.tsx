'use client';

import type { ClassifiedDay } from '@/lib/escrow/record';
import { dateTimeFormat } from '@/lib/format/intl';
import { useI18n } from '@/lib/i18n/client';

const COLORS = {
  paid: 'bg-emerald-500 text-white',
  short: 'bg-amber-400 text-amber-950',
  missing: 'bg-red-500 text-white',
} as const;

/** The guard's last 7 complete days: paid / short / missing, with a dashed border where the oracle had no value. */
export function DayStrip({ days }: { days: ClassifiedDay[] }) {
  const { t, tag } = useI18n();
  if (days.length === 0) return <p className="text-sm text-slate-500">{t('record.windowEmpty')}</p>;
  return (
    <div>
      <ol className="flex gap-1" data-testid="record-window" aria-label={t('record.window')}>
        {days.map((d) => {
          const label = `${t(`record.kind.${d.kind}`)}${d.hasOracle ? '' : ` · ${t('record.noOracle')}`}`;
          return (
            <li
              key={d.day.toString()}
              data-testid={`day-${d.kind}`}
              data-oracle={d.hasOracle ? 'yes' : 'no'}
              title={label}
              className={`flex min-w-0 flex-1 flex-col items-center rounded px-1 py-1 text-[10px] leading-tight ${COLORS[d.kind]} ${d.hasOracle ? '' : 'outline-2 outline-dashed outline-slate-900'}`}
            >
              <span className="font-semibold">{t(`record.kindShort.${d.kind}`)}</span>
              <span className="truncate opacity-90">
                {dateTimeFormat(tag, { timeZone: 'UTC', month: 'numeric', day: 'numeric' }).format(new Date(Number(d.day) * 86_400_000))}
              </span>
              <span className="sr-only">{label}</span>
            </li>
          );
        })}
      </ol>
      <p className="mt-1 text-xs text-slate-500">{t('record.legend')}</p>
    </div>
  );
}
