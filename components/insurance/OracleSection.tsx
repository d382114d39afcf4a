'use client';

import { useState } from 'react';
import { useOracle } from '@/lib/escrow/hooks';
import { formatSmallAmount } from '@/lib/format/amount';
import { COINS, hashrateUnit, yieldToken } from '@/lib/format/hashrate';
import { bpsToPercent } from '@/lib/escrow/record';
import { useI18n } from '@/lib/i18n/client';
import type { OracleDay } from '@/lib/oracle/summary';
import { AddressLabel } from '../ui/AddressLabel';
import { ErrorBox } from '../ui/ErrorBox';
import { UtcDay } from '../ui/UtcDay';

const STATUS_STYLE = {
  used: 'bg-slate-100 text-slate-700',
  outlier: 'bg-amber-100 text-amber-900',
  revoked: 'bg-rose-100 text-rose-900',
} as const;

/**
 * The yield oracle in the open: each day's market average, who reported it, how far apart the reports were, and
 * which reports were left out (outliers beyond the bound, revoked reporters). The default guard judges miners
 * against these values, so a buyer can see what they rest on.
 */
export function OracleSection() {
  const { t, tag } = useI18n();
  const [coin, setCoin] = useState(0);
  const o = useOracle(coin);
  const token = yieldToken(COINS[coin]!);
  const unit = hashrateUnit(COINS[coin]!);
  const amount = (v: bigint) => `${formatSmallAmount(v, token.decimals, { locale: tag, significant: 4 })} ${token.symbol}`;
  return (
    <section className="space-y-3" data-testid="oracle-section" aria-labelledby="oracle-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="oracle-title" className="text-xl font-semibold">{t('oracle.title')}</h2>
        <div className="flex gap-1" role="group" aria-label={t('oracle.coin')}>
          {COINS.map((c, i) => (
            <button
              key={c}
              type="button"
              aria-pressed={coin === i}
              data-testid={`oracle-coin-${c}`}
              onClick={() => setCoin(i)}
              className={`rounded-lg px-3 py-1 text-sm ${coin === i ? 'bg-sky-600 text-white' : 'border border-slate-300 bg-white text-slate-700'}`}
            >
              {c}
            </button>
          ))}
        </div>
      </div>
      {o.isPending ? (
        <div className="h-32 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : o.error ? (
        <ErrorBox message={t('oracle.error', { reason: o.error.message.split('\n')[0] ?? '' })} onRetry={() => o.refetch()} />
      ) : (
        <>
          <p className="max-w-3xl text-sm text-slate-600" data-testid="oracle-rules">
            {t('oracle.rules', { min: o.data.minReports.toString(), bound: (Number(o.data.outlierBoundBps) / 10_000).toLocaleString(tag) })}
          </p>
          {o.data.days.every((d) => d.reports.length === 0) ? (
            <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-600" data-testid="oracle-empty">
              {t('oracle.empty', { coin: COINS[coin]! })}
            </p>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
              <table className="stack-table stack-table-boxed w-full text-sm">
                <thead className="bg-slate-50 text-left text-xs text-slate-500">
                  <tr>
                    <th className="px-3 py-2">{t('oracle.day')}</th>
                    <th className="px-3 py-2">{t('oracle.value', { unit })}</th>
                    <th className="px-3 py-2">{t('oracle.reports')}</th>
                    <th className="px-3 py-2">{t('oracle.spread')}</th>
                    <th className="px-3 py-2">{t('oracle.reporters')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {o.data.days.map((d) => (
                    <OracleRow key={d.day.toString()} d={d} today={o.data.today} amount={amount} unit={unit} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function OracleRow({ d, today, amount, unit }: { d: OracleDay; today: bigint; amount: (v: bigint) => string; unit: string }) {
  const { t } = useI18n();
  const used = d.reports.filter((r) => r.status === 'used').length;
  return (
    <tr data-testid="oracle-day" data-day={d.day.toString()} data-value={d.value.toString()} className="align-top">
      <td data-label={t('oracle.day')} className="whitespace-nowrap px-3 py-2">
        <UtcDay day={d.day} />
        {d.day === today ? <span className="ml-1 text-xs text-slate-500">({t('oracle.today')})</span> : null}
      </td>
      <td data-label={t('oracle.value', { unit })} className="whitespace-nowrap px-3 py-2 font-medium" data-testid="oracle-value">
        {d.value === 0n ? <span className="text-slate-500">{t('oracle.noValue')}</span> : amount(d.value)}
      </td>
      <td data-label={t('oracle.reports')} className="whitespace-nowrap px-3 py-2" data-testid="oracle-count">
        {t('oracle.reportCount', { used, counting: d.counting, total: d.reports.length })}
      </td>
      <td data-label={t('oracle.spread')} className="whitespace-nowrap px-3 py-2" data-testid="oracle-spread">
        {d.spreadBps === null ? '—' : t('oracle.spreadValue', { low: amount(d.low!), high: amount(d.high!), pct: bpsToPercent(d.spreadBps) })}
      </td>
      <td data-label={t('oracle.reporters')} className="px-3 py-2">
        <ul className="flex flex-wrap gap-1">
          {d.reports.map((r) => (
            <li
              key={r.reporter}
              data-testid="oracle-report"
              data-status={r.status}
              title={t(`oracle.status.${r.status}`)}
              className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[r.status]}`}
            >
              <AddressLabel address={r.reporter} />: <span className={r.status === 'used' ? undefined : 'line-through'}>{amount(r.value)}</span>
              {r.status !== 'used' ? <> ({t(`oracle.status.${r.status}`)})</> : null}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
