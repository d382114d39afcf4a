'use client';

import { useAdvanceChainTime, useChainTime } from '@/lib/chain/chainTime';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

const STEPS = [
  { key: 'devTime.hour', seconds: 3_600 },
  { key: 'devTime.day', seconds: 86_400 },
  { key: 'devTime.week', seconds: 7 * 86_400 },
] as const;

/** LOCAL CHAIN ONLY (rendered by the footer only in a local build): shows chain time and moves it forward. */
export function DevTimeControl() {
  const { t, tag } = useI18n();
  const mounted = useMounted();
  const time = useChainTime();
  const advance = useAdvanceChainTime();
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('devTime.advance')}>
      <span>
        {t('devTime.label')}:{' '}
        <time data-testid="chain-time">
          {mounted && time.data !== undefined
            ? new Date(Number(time.data) * 1000).toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'short' })
            : '…'}
        </time>
      </span>
      {STEPS.map((s) => (
        <button
          key={s.key}
          type="button"
          disabled={advance.isPending}
          onClick={() => advance.mutate(s.seconds)}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50"
        >
          {t(s.key)}
        </button>
      ))}
      {advance.error ? <span role="alert" className="text-red-700">{t('devTime.failed', { reason: advance.error.message.split('\n')[0] ?? '' })}</span> : null}
    </div>
  );
}
