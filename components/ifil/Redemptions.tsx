'use client';

import type { Address } from 'viem';
import { IFIL_DECIMALS } from '@/lib/chain/contracts';
import { useI18n } from '@/lib/i18n/client';
import { useRedemptions } from '@/lib/yield/hooks';
import { Amount } from '../ui/Amount';
import { ErrorBox } from '../ui/ErrorBox';
import { LocalDate } from '../ui/LocalDate';

/** The account's IFIL redemptions (Redeemed events), newest first. */
export function Redemptions({ account }: { account: Address }) {
  const { t } = useI18n();
  const q = useRedemptions(account);
  return (
    <section className="space-y-3">
      <h2 className="text-xl font-semibold">{t('ifil.history.title')}</h2>
      {q.isPending ? (
        <div className="h-20 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : q.error ? (
        <ErrorBox message={t('ifil.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="redemptions-empty">
          {t('ifil.history.empty')}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="redemptions">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{t('ifil.history.time')}</th>
                <th className="px-4 py-2 font-medium">{t('ifil.history.amount')}</th>
                <th className="px-4 py-2 font-medium">{t('ifil.history.address')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((r) => (
                <tr key={`${r.transactionHash}-${r.filecoinAddress}`} className="border-t border-slate-100" data-testid="redemption-row">
                  <td className="px-4 py-2">
                    <LocalDate seconds={r.timestamp} withTime />
                  </td>
                  <td className="px-4 py-2" data-value={r.amount.toString()}>
                    <Amount value={r.amount} decimals={IFIL_DECIMALS} symbol="IFIL" maxFractionDigits={18} />
                  </td>
                  <td className="break-all px-4 py-2 font-mono text-xs">{r.filecoinAddress}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
