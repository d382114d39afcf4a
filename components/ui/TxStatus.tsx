'use client';

import { useI18n } from '@/lib/i18n/client';
import type { TxState } from '@/lib/tx/useTransaction';
import { shortAddress } from './AddressLabel';

/** What a transaction is doing, in words: waiting for the wallet, pending, confirmed, or why it failed. */
export function TxStatus({ state }: { state: TxState }) {
  const { t } = useI18n();
  if (state.status === 'idle') return null;
  if (state.status === 'failed') {
    return (
      <p role="alert" data-testid="tx-error" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        {t('tx.failed', { reason: t(state.error.key, state.error.vars) })}
      </p>
    );
  }
  const text =
    state.status === 'wallet' ? t('tx.wallet') : state.status === 'pending' ? t('tx.pending') : t('tx.confirmed');
  return (
    <p role="status" data-testid="tx-status" className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
      {state.label ? <span className="block font-medium">{state.label}</span> : null}
      {text}
      {'hash' in state ? <span className="block font-mono text-xs text-slate-500">{t('tx.viewHash', { hash: shortAddress(state.hash) })}</span> : null}
    </p>
  );
}
