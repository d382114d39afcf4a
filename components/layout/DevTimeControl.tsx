'use client';

import { useState, type FormEvent } from 'react';
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
  const [days, setDays] = useState('30');
  const daysValid = /^\d{1,3}$/.test(days) && Number(days) >= 1 && Number(days) <= 365;
  function advanceDays(e: FormEvent) {
    e.preventDefault();
    if (daysValid) advance.mutate(Number(days) * 86_400);
  }
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
      <form className="flex items-center gap-1" onSubmit={advanceDays}>
        <span>+</span>
        <input
          className="w-14 rounded border border-slate-300 bg-white px-1 py-0.5 aria-[invalid=true]:border-red-500"
          inputMode="numeric"
          aria-label={t('devTime.daysInput')}
          aria-invalid={!daysValid}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          data-testid="advance-days-input"
        />
        <button
          type="submit"
          disabled={advance.isPending || !daysValid}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50"
          data-testid="advance-days"
        >
          {t('devTime.days')}
        </button>
      </form>
      {advance.error ? <span role="alert" className="text-red-700">{t('devTime.failed', { reason: advance.error.message.split('\n')[0] ?? '' })}</span> : null}
    </div>
  );
}
