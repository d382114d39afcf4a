'use client';

import { useState } from 'react';
import { formatUnits, type Address } from 'viem';
import { useBalance } from 'wagmi';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, IFIL_DECIMALS } from '@/lib/chain/contracts';
import { ifilAbi } from '@/contracts-abi/IFIL.gen';
import { formatAmount, parseAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

type Direction = 'wrap' | 'unwrap';

/**
 * Where FIL is the chain's own coin: wrap FIL into IFIL (IFIL.deposit, 1:1) and unwrap IFIL back to FIL
 * (IFIL.withdraw). No bridge and no key: every IFIL is FIL held by the contract.
 */
export function WrapForm({ account, ifilBalance }: { account: Address; ifilBalance: bigint | undefined }) {
  const { t, tag } = useI18n();
  const coin = useBalance({ address: account, query: { refetchInterval: 10_000 } });
  const symbol = appChain.nativeCurrency.symbol;
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" data-testid="wrap-section">
      <div>
        <h2 className="text-xl font-semibold">{t('ifil.wrap.title')}</h2>
        <p className="text-sm text-slate-600">{t('ifil.wrap.explain', { symbol })}</p>
      </div>
      <p className="text-sm">
        <span className="text-slate-500">{t('ifil.wrap.coinBalance', { symbol })}: </span>
        <strong data-testid="native-balance" data-value={coin.data?.value.toString()}>
          {coin.data ? <Amount value={coin.data.value} decimals={18} symbol={symbol} maxFractionDigits={6} /> : t('common.loading')}
        </strong>
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <OneWay direction="wrap" account={account} max={coin.data?.value} symbol={symbol} onDone={() => coin.refetch()} tag={tag} />
        <OneWay direction="unwrap" account={account} max={ifilBalance} symbol={symbol} onDone={() => coin.refetch()} tag={tag} />
      </div>
    </section>
  );
}

function OneWay({ direction, account, max, symbol, onDone, tag }: { direction: Direction; account: Address; max: bigint | undefined; symbol: string; onDone: () => void; tag: string }) {
  const { t } = useI18n();
  const tx = useTransaction();
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<bigint | null>(null);
  const from = direction === 'wrap' ? symbol : 'IFIL';
  const to = direction === 'wrap' ? 'IFIL' : symbol;
  const fmt = (v: bigint) => formatAmount(v, IFIL_DECIMALS, { locale: tag, maxFractionDigits: 18 });

  async function submit() {
    setDone(null);
    tx.reset();
    const amount = parseAmount(input.trim(), IFIL_DECIMALS);
    if (amount === null || amount === 0n) return setError(t('ifil.wrap.amountInvalid', { symbol: from }));
    if (max !== undefined && amount > max) return setError(t('ifil.wrap.aboveBalance', { symbol: from }));
    setError(null);
    const receipt = await tx.run({
      address: getDeployment().IFIL,
      abi: ifilAbi,
      functionName: direction === 'wrap' ? 'deposit' : 'withdraw',
      args: direction === 'wrap' ? [] : [amount],
      value: direction === 'wrap' ? amount : undefined,
      account,
      label: t(direction === 'wrap' ? 'ifil.wrap.wrapping' : 'ifil.wrap.unwrapping', { amount: fmt(amount), symbol }),
      token: { symbol: 'IFIL', decimals: IFIL_DECIMALS },
      invalidate: [queryKeys.yieldTokenAll(appChain.id, account)],
    });
    if (receipt) {
      setDone(amount);
      setInput('');
      onDone();
    }
  }

  return (
    <form
      className="space-y-2 rounded-lg border border-slate-200 p-4"
      noValidate
      data-testid={`${direction}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="font-medium">{t(direction === 'wrap' ? 'ifil.wrap.wrapTitle' : 'ifil.wrap.unwrapTitle', { symbol })}</h3>
      <label className="block text-sm">
        {t('ifil.wrap.amount', { symbol: from })}
        <span className="mt-1 flex gap-1">
          <input
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500"
            inputMode="decimal"
            placeholder="1.5"
            value={input}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${direction}-error` : undefined}
            onChange={(e) => setInput(e.target.value)}
            data-testid={`${direction}-amount`}
          />
          <Button variant="secondary" className="px-2 py-1" disabled={!max} onClick={() => setInput(formatUnits(max ?? 0n, IFIL_DECIMALS))} data-testid={`${direction}-max`}>
            {t('ifil.form.max')}
          </Button>
        </span>
      </label>
      {error ? <p id={`${direction}-error`} role="alert" className="text-xs text-red-700" data-testid={`${direction}-error`}>{error}</p> : null}
      <Button type="submit" className="w-full" disabled={tx.busy} data-testid={`${direction}-submit`}>
        {t(direction === 'wrap' ? 'ifil.wrap.wrapButton' : 'ifil.wrap.unwrapButton', { from, to })}
      </Button>
      {done !== null && tx.state.status === 'confirmed' ? (
        <p className="text-sm text-emerald-700" data-testid={`${direction}-done`}>
          {t('ifil.wrap.done', { amount: fmt(done), from, to })}
        </p>
      ) : (
        <TxStatus state={tx.state} />
      )}
    </form>
  );
}
