'use client';

import Link from 'next/link';
import type { Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { jointPoolAbi } from '@/contracts-abi/JointPool.gen';
import { formatAmount } from '@/lib/format/amount';
import { useAmountInput } from '@/lib/forms/useAmountInput';
import { useI18n } from '@/lib/i18n/client';
import { usePools } from '@/lib/pools/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { AmountInput } from '../ui/AmountInput';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

const IFIL = { symbol: 'IFIL', decimals: 18 } as const;

/**
 * A qualified miner's joint pool on the Miners page: what it may draw for its sector pledge (the undrawn deposits,
 * at most the cap outstanding, until the end of the term), what it owes back, and three actions: draw, repay
 * (approve, then repay) and pay a day's yield (approve, then pay: 20% comes straight back, 5% to the platform,
 * 75% to dToken holders). Nothing when the miner has no pool.
 */
export function MinerPoolPanel({ account }: { account: Address }) {
  const { t, tag } = useI18n();
  const q = usePools(account);
  const tx = useTransaction();
  const { input, setInput, error, take } = useAmountInput(18);
  const pool = q.data?.pools.find((p) => p.miner.toLowerCase() === account.toLowerCase());
  if (!pool || !q.data) return null;
  const fil = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 6 });
  const capLeft = pool.cap - pool.drawn;
  const available = pool.phase === 'ended' || pool.status !== 'active' ? 0n : pool.liquid < capLeft ? pool.liquid : capLeft;
  const invalidate = [queryKeys.poolsAll(appChain.id), queryKeys.paymentAll(appChain.id, account)];
  const today = q.data.today;

  const amount = (max: bigint | null) => take(max, 'IFIL');

  async function draw() {
    tx.reset();
    const v = amount(available);
    if (v === null || !pool) return;
    const r = await tx.run({ address: pool.address, abi: jointPoolAbi, functionName: 'draw', args: [v], account, label: t('pools.miner.drawing', { amount: fil(v) }), invalidate, token: IFIL });
    if (r) setInput('');
  }

  async function repay() {
    tx.reset();
    const v = amount(pool!.drawn);
    if (v === null || !pool) return;
    if (!(await tx.ensureAllowance({ token: getDeployment().IFIL, owner: account, spender: pool.address, amount: v, label: t('pools.form.approving', { amount: fil(v) }), invalidate, errorToken: IFIL }))) return;
    const r = await tx.run({ address: pool.address, abi: jointPoolAbi, functionName: 'repay', args: [v], account, label: t('pools.miner.repaying', { amount: fil(v) }), invalidate, token: IFIL });
    if (r) setInput('');
  }

  async function payYield() {
    tx.reset();
    const v = amount(null);
    if (v === null || !pool) return;
    if (!(await tx.ensureAllowance({ token: getDeployment().IFIL, owner: account, spender: pool.address, amount: v, label: t('pools.form.approving', { amount: fil(v) }), invalidate, errorToken: IFIL }))) return;
    const r = await tx.run({ address: pool.address, abi: jointPoolAbi, functionName: 'payYield', args: [today, v], account, label: t('pools.miner.paying', { amount: fil(v) }), invalidate, token: IFIL });
    if (r) setInput('');
  }

  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="miner-pool">
      <h2 className="text-xl font-semibold">{t('pools.miner.title', { symbol: pool.symbol })}</h2>
      <p className="max-w-3xl text-sm text-slate-600">{t('pools.miner.explain')}</p>
      {pool.status !== 'active' ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800" data-testid="miner-pool-status">
          {t(pool.status === 'halted' ? 'pools.miner.halted' : 'pools.miner.defaulted')}
        </p>
      ) : pool.guard?.flaggable ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="miner-pool-status">
          {t('pools.miner.inDefault', { paid: fil(pool.guard.window!.paid), owed: fil(pool.guard.window!.owed) })}
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">{t('pools.phaseLabel')}</dt>
          <dd data-testid="miner-pool-phase">{t(`pools.phase.${pool.phase}`)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t('pools.miner.available')}</dt>
          <dd data-testid="miner-pool-available" data-value={available.toString()}>
            <Amount value={available} decimals={18} symbol="IFIL" maxFractionDigits={4} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t('pools.drawn')}</dt>
          <dd data-testid="miner-pool-drawn" data-value={pool.drawn.toString()}>
            <Amount value={pool.drawn} decimals={18} symbol="IFIL" maxFractionDigits={4} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t('pools.miner.deposited')}</dt>
          <dd>
            <Amount value={pool.deposited} decimals={18} symbol="IFIL" maxFractionDigits={2} /> / <Amount value={pool.cap} decimals={18} symbol="IFIL" maxFractionDigits={2} />
          </dd>
        </div>
      </dl>
      <label className="block max-w-md text-sm">
        {t('pools.miner.amount')}
        <AmountInput className="mt-1" value={input} onChange={setInput} invalid={Boolean(error)} errorId="miner-pool-error" testId="miner-pool-amount" />
      </label>
      {error ? (
        <p role="alert" id="miner-pool-error" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button disabled={tx.busy || available === 0n} onClick={() => void draw()} data-testid="miner-pool-draw">
          {t('pools.miner.draw')}
        </Button>
        <Button variant="secondary" disabled={tx.busy || pool.drawn === 0n} onClick={() => void repay()} data-testid="miner-pool-repay">
          {t('pools.miner.repay')}
        </Button>
        <Button variant="secondary" disabled={tx.busy || pool.supply === 0n} onClick={() => void payYield()} data-testid="miner-pool-pay">
          {t('pools.miner.pay')}
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        {t('pools.miner.payNote')}{' '}
        <Link href="/pools" className="text-sky-700 underline">
          {t('pools.miner.open')}
        </Link>
      </p>
      <TxStatus state={tx.state} />
    </section>
  );
}
