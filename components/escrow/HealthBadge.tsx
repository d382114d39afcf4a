'use client';

import type { ProductHealth, HealthKind } from '@/lib/escrow/health';
import { useI18n } from '@/lib/i18n/client';

const STYLE: Record<HealthKind, string> = {
  defaulted: 'bg-red-700 text-white',
  halted: 'bg-red-100 text-red-900 ring-1 ring-red-300',
  missed: 'bg-red-100 text-red-900',
  short: 'bg-amber-100 text-amber-900',
  paying: 'bg-emerald-100 text-emerald-900',
  upcoming: 'bg-slate-100 text-slate-700',
};
const ICON: Record<HealthKind, string> = { defaulted: '✗', halted: '⏸', missed: '!', short: '↓', paying: '✓', upcoming: '·' };

/**
 * The miner's health on a product in one mark: paying / short / missed / halted / defaulted (or nothing due yet),
 * with the days paid on time of the days due. A placeholder of the same size while it loads; nothing on an error
 * (the item page's record says more).
 */
export function HealthBadge({ health, loading, className = '' }: { health: ProductHealth | undefined; loading?: boolean; className?: string }) {
  const { t } = useI18n();
  if (!health) {
    return loading ? <span className={`inline-block h-5 w-24 animate-pulse rounded-full bg-slate-100 ${className}`} aria-hidden="true" /> : null;
  }
  const days = health.kind === 'upcoming' ? t('health.noneDue') : t('health.days', { paid: health.paidDays, due: health.dueDays });
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[health.kind]} ${className}`}
      title={t(`health.explain.${health.kind}`)}
      data-testid="health-badge"
      data-health={health.kind}
    >
      <span aria-hidden="true">{ICON[health.kind]}</span>
      {t(`health.kind.${health.kind}`)}
      <span className="font-normal opacity-80">· {days}</span>
    </span>
  );
}
