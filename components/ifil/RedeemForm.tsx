'use client';

import { useState } from 'react';
import { formatUnits, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, IFIL_DECIMALS } from '@/lib/chain/contracts';
import { ifilAbi } from '@/contracts-abi/IFIL.gen';
import { formatAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import type { MessageKey } from '@/lib/i18n/messages/en';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { redeemFormSchema, type RedeemForm as RedeemValues } from '@/lib/yield/redeemForm';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

/** Burn IFIL for FIL paid by the bridge to a Filecoin address: validate, confirm in words, then send. */
export function RedeemForm({ account, balance }: { account: Address; balance: bigint | undefined }) {
  const { t, tag } = useI18n();
  const tx = useTransaction();
  const [amount, setAmount] = useState('');
  const [address, setAddress] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState<RedeemValues | null>(null);
  const [done, setDone] = useState<RedeemValues | null>(null);

  const parsed = redeemFormSchema(balance ?? 0n).safeParse({ amount, filecoinAddress: address });
  const errorOf = (field: 'amount' | 'filecoinAddress') => {
    if (!submitted || parsed.success) return undefined;
    const issue = parsed.error.issues.find((i) => i.path[0] === field);
    return issue ? t(issue.message as MessageKey) : undefined;
  };
  const fmt = (v: bigint) => formatAmount(v, IFIL_DECIMALS, { locale: tag, maxFractionDigits: 18 });

  function review() {
    setSubmitted(true);
    setDone(null);
    tx.reset();
    if (parsed.success) setConfirming(parsed.data);
  }

  async function redeem(values: RedeemValues) {
    const receipt = await tx.run({
      address: getDeployment().IFIL,
      abi: ifilAbi,
      functionName: 'redeem',
      args: [values.amount, values.filecoinAddress],
      account,
      label: t('ifil.form.sending', { amount: fmt(values.amount), address: values.filecoinAddress }),
      token: { symbol: 'IFIL', decimals: IFIL_DECIMALS },
      invalidate: [queryKeys.yieldTokenAll(appChain.id, account)],
    });
    setConfirming(null);
    if (receipt) {
      setDone(values);
      setAmount('');
      setAddress('');
      setSubmitted(false);
    }
  }

  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
      <h2 className="text-xl font-semibold">{t('ifil.form.title')}</h2>
      <form
        className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-start"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          review();
        }}
        data-testid="redeem-form"
      >
        <div>
        <label className="block text-sm font-medium">
          {t('ifil.form.amount')}
          <span className="mt-1 flex gap-1">
            <input
              className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500"
              inputMode="decimal"
              placeholder="1.5"
              value={amount}
              aria-invalid={Boolean(errorOf('amount'))}
              aria-describedby={errorOf('amount') ? 'redeem-amount-error' : undefined}
              onChange={(e) => {
                setAmount(e.target.value);
                setConfirming(null);
              }}
              data-testid="redeem-amount"
            />
            <Button
              variant="secondary"
              className="px-2 py-1"
              disabled={!balance}
              onClick={() => {
                setAmount(formatUnits(balance ?? 0n, IFIL_DECIMALS));
                setConfirming(null);
              }}
              data-testid="redeem-max"
            >
              {t('ifil.form.max')}
            </Button>
          </span>
        </label>
        {errorOf('amount') ? <span id="redeem-amount-error" role="alert" className="mt-1 block text-xs text-red-700" data-testid="redeem-amount-error">{errorOf('amount')}</span> : null}
        </div>
        <div>
        <label className="block text-sm font-medium">
          {t('ifil.form.address')}
          <input
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm aria-[invalid=true]:border-red-500"
            placeholder="f1…"
            spellCheck={false}
            autoCapitalize="off"
            value={address}
            aria-invalid={Boolean(errorOf('filecoinAddress'))}
            aria-describedby={errorOf('filecoinAddress') ? 'redeem-address-hint redeem-address-error' : 'redeem-address-hint'}
            onChange={(e) => {
              setAddress(e.target.value);
              setConfirming(null);
            }}
            data-testid="redeem-address"
          />
        </label>
        <span id="redeem-address-hint" className="mt-1 block text-xs font-normal text-slate-500">{t('ifil.form.addressHint')}</span>
        {errorOf('filecoinAddress') ? <span id="redeem-address-error" role="alert" className="mt-1 block text-xs text-red-700" data-testid="redeem-address-error">{errorOf('filecoinAddress')}</span> : null}
        </div>
        <Button type="submit" className="sm:mt-6" disabled={tx.busy || balance === undefined} data-testid="redeem-submit">
          {t('ifil.form.review')}
        </Button>
      </form>
      {confirming ? (
        <div className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950" data-testid="redeem-confirmation">
          <p>{t('ifil.form.confirmText', { amount: fmt(confirming.amount), address: confirming.filecoinAddress })}</p>
          <p className="text-xs">{t('ifil.form.confirmNote')}</p>
          <div className="flex gap-2">
            <Button disabled={tx.busy} onClick={() => redeem(confirming)} data-testid="redeem-confirm">
              {t('ifil.form.confirm')}
            </Button>
            <Button variant="secondary" disabled={tx.busy} onClick={() => setConfirming(null)}>
              {t('ifil.form.cancel')}
            </Button>
          </div>
        </div>
      ) : null}
      {done && tx.state.status === 'confirmed' ? (
        <p className="text-sm text-emerald-700" data-testid="redeem-done">
          {t('ifil.form.done', { amount: fmt(done.amount), address: done.filecoinAddress })}
        </p>
      ) : (
        <TxStatus state={tx.state} />
      )}
    </section>
  );
}
