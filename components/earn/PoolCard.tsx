'use client';

import { useState } from 'react';
import { formatUnits, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { useTickingChainTime } from '@/lib/chain/chainTime';
import { getDeployment } from '@/lib/chain/contracts';
import { dmcMiningAbi } from '@/contracts-abi/DMCMining.gen';
import { pendingAt, perTokenPerDay } from '@/lib/earn/pricing';
import type { EarnPool, EarnState } from '@/lib/earn/read';
import { formatAmount, parseAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import type { MessageKey } from '@/lib/i18n/messages/en';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

/** What a pool's pending DMC is now: the last read plus the account's share of the pool's rate since then. */
export function usePendingNow(pool: EarnPool, readAt: bigint): bigint {
  const now = useTickingChainTime();
  return pendingAt(pool, readAt, now ?? readAt);
}

/** A pool's figures: its share of the emission, DMC a day, what is staked, the APR in words with its price source. */
export function PoolFigures({ pool, state }: { pool: EarnPool; state: EarnState }) {
  const { t, tag } = useI18n();
  const perDay = pool.ratePerSecond * 86_400n;
  const pct = (Number(pool.share) / 10_000).toLocaleString(tag, { maximumFractionDigits: 2 });
  const apr = pool.aprBps === null ? null : (Number(pool.aprBps) / 100).toLocaleString(tag, { maximumFractionDigits: 1 });
  const price = state.price === null ? null : formatAmount(state.price, 6, { locale: tag, maxFractionDigits: 4 });
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
      <dt className="text-slate-500">{t('mining.pool.share')}</dt>
      <dd data-testid={`pool-share-${pool.pid}`} data-value={pool.share.toString()}>
        {pct}%
      </dd>
      <dt className="text-slate-500">{t('mining.pool.perDay')}</dt>
      <dd>
        <Amount value={perDay} decimals={18} symbol="DMC" />
      </dd>
      <dt className="text-slate-500">{t('mining.pool.totalStaked')}</dt>
      <dd data-testid={`pool-total-${pool.pid}`}>
        <Amount value={pool.totalWeight} decimals={pool.decimals} symbol={pool.symbol} maxFractionDigits={pool.decimals === 3 ? 3 : 4} />
      </dd>
      <dt className="text-slate-500">{t('mining.pool.apr')}</dt>
      <dd data-testid={`pool-apr-${pool.pid}`} data-value={pool.aprBps?.toString() ?? ''}>
        {pool.kind === 'nft'
          ? t('mining.pool.aprNft')
          : pool.kind === 'dtoken'
            ? apr !== null && state.ifilPrice !== null
              ? t('mining.pool.aprDtokenPriced', { apr, price: price ?? '—', ifil: formatAmount(state.ifilPrice, 6, { locale: tag, maxFractionDigits: 4 }) })
              : t('mining.pool.aprDtoken', { amount: formatAmount(perTokenPerDay(pool.ratePerSecond, pool.totalWeight), 18, { locale: tag, maxFractionDigits: 4 }), symbol: pool.symbol })
          : apr === null
            ? t(pool.totalWeight === 0n ? 'mining.pool.aprEmpty' : 'mining.pool.aprNoPrice')
            : pool.kind === 'dmc'
              ? t('mining.pool.aprDmc', { apr })
              : t('mining.pool.aprPriced', { apr, price: price ?? '—' })}
      </dd>
    </dl>
  );
}

type TokenKind = 'lp' | 'dmc' | 'usdt' | 'dtoken';
const TITLES: Record<TokenKind, MessageKey> = { lp: 'mining.pool.lp.title', dmc: 'mining.pool.dmc.title', usdt: 'mining.pool.usdt.title', dtoken: 'mining.pool.dtoken.title' };
const NOTES: Record<TokenKind, MessageKey> = { lp: 'mining.pool.lp.note', dmc: 'mining.pool.dmc.note', usdt: 'mining.pool.usdt.note', dtoken: 'mining.pool.dtoken.note' };

/**
 * An ERC-20 pool (LP, DMC, USDT): stake (approve, then stake), unstake, claim. A joint pool's dToken is staked in
 * place (no approval: DMC mining locks it in the holder's wallet, where it keeps its pool yield and pledge share).
 */
export function PoolCard({ pool, state, account }: { pool: EarnPool; state: EarnState; account: Address | undefined }) {
  const { t, tag } = useI18n();
  const tx = useTransaction();
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pendingNow = usePendingNow(pool, state.now);
  const kind = pool.kind as TokenKind;
  const mining = getDeployment().DMCMining;
  const invalidate = [queryKeys.earnAll(appChain.id), queryKeys.paymentAll(appChain.id, account ?? '0x0000000000000000000000000000000000000000')];
  const fmt = (v: bigint) => formatAmount(v, pool.decimals, { locale: tag, maxFractionDigits: 6 });

  function amount(max: bigint): bigint | null {
    const v = parseAmount(input.trim(), pool.decimals);
    if (v === null || v === 0n) {
      setError(t('mining.form.amountInvalid', { symbol: pool.symbol }));
      return null;
    }
    if (v > max) {
      setError(t('mining.form.aboveMax', { symbol: pool.symbol, max: fmt(max) }));
      return null;
    }
    setError(null);
    return v;
  }

  async function stake() {
    if (!account) return;
    tx.reset();
    const v = amount(pool.balance);
    if (v === null) return;
    if (kind !== 'dtoken') {
      const ok = await tx.ensureAllowance({ token: pool.token, owner: account, spender: mining, amount: v, label: t('mining.form.approving', { amount: fmt(v), symbol: pool.symbol }), invalidate, errorToken: { symbol: pool.symbol, decimals: pool.decimals } });
      if (!ok) return;
    }
    const r = await tx.run({ address: mining, abi: dmcMiningAbi, functionName: 'stake', args: [BigInt(pool.pid), v], account, label: t('mining.form.staking', { amount: fmt(v), symbol: pool.symbol }), invalidate, token: { symbol: pool.symbol, decimals: pool.decimals } });
    if (r) setInput('');
  }

  async function unstake() {
    if (!account) return;
    tx.reset();
    const v = amount(pool.staked);
    if (v === null) return;
    const r = await tx.run({ address: mining, abi: dmcMiningAbi, functionName: 'unstake', args: [BigInt(pool.pid), v], account, label: t('mining.form.unstaking', { amount: fmt(v), symbol: pool.symbol }), invalidate });
    if (r) setInput('');
  }

  async function claim() {
    if (!account) return;
    tx.reset();
    await tx.run({ address: mining, abi: dmcMiningAbi, functionName: 'claim', args: [[BigInt(pool.pid)]], account, label: t('mining.form.claiming'), invalidate });
  }

  return (
    <section className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5" data-testid={`pool-${pool.kind}`}>
      <div>
        <h3 className="text-lg font-semibold">{t(TITLES[kind], { symbol: pool.symbol })}</h3>
        <p className="text-sm text-slate-600">{t(NOTES[kind], { symbol: pool.symbol })}</p>
        {pool.halted ? (
          <p className="mt-1 text-sm text-amber-700" data-testid={`pool-halted-${pool.pid}`}>
            {t('mining.pool.dtoken.halted')}
          </p>
        ) : null}
      </div>
      <PoolFigures pool={pool} state={state} />
      {account ? (
        <>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-lg bg-slate-50 p-3 text-sm">
            <dt className="text-slate-500">{t('mining.pool.yourStake')}</dt>
            <dd data-testid={`pool-staked-${pool.pid}`} data-value={pool.staked.toString()}>
              <Amount value={pool.staked} decimals={pool.decimals} symbol={pool.symbol} maxFractionDigits={4} />
            </dd>
            <dt className="text-slate-500">{t('mining.pool.pending')}</dt>
            <dd data-testid={`pool-pending-${pool.pid}`} data-value={pool.pending.toString()}>
              <Amount value={pendingNow} decimals={18} symbol="DMC" maxFractionDigits={4} />
            </dd>
            <dt className="text-slate-500">{t(kind === 'dtoken' ? 'mining.pool.walletFree' : 'mining.pool.wallet')}</dt>
            <dd data-testid={`pool-balance-${pool.pid}`} data-value={pool.balance.toString()}>
              <Amount value={pool.balance} decimals={pool.decimals} symbol={pool.symbol} maxFractionDigits={4} />
            </dd>
          </dl>
          <label className="block text-sm">
            {t('mining.form.amount', { symbol: pool.symbol })}
            <span className="mt-1 flex gap-1">
              <input
                className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500"
                inputMode="decimal"
                placeholder="0.0"
                value={input}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `pool-error-${pool.pid}` : undefined}
                onChange={(e) => setInput(e.target.value)}
                data-testid={`pool-amount-${pool.pid}`}
              />
              <Button variant="secondary" className="px-2 py-1" disabled={pool.balance === 0n} onClick={() => setInput(formatUnits(pool.balance, pool.decimals))} data-testid={`pool-max-${pool.pid}`}>
                {t('ifil.form.max')}
              </Button>
            </span>
          </label>
          {error ? (
            <p id={`pool-error-${pool.pid}`} role="alert" className="text-xs text-red-700" data-testid={`pool-error-${pool.pid}`}>
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button disabled={tx.busy || pool.halted} onClick={() => void stake()} data-testid={`pool-stake-${pool.pid}`}>
              {t('mining.form.stake')}
            </Button>
            <Button variant="secondary" disabled={tx.busy || pool.staked === 0n} onClick={() => void unstake()} data-testid={`pool-unstake-${pool.pid}`}>
              {t('mining.form.unstake')}
            </Button>
            <Button variant="secondary" disabled={tx.busy || pool.pending === 0n} onClick={() => void claim()} data-testid={`pool-claim-${pool.pid}`}>
              {t('mining.form.claim')}
            </Button>
          </div>
          <TxStatus state={tx.state} />
        </>
      ) : null}
    </section>
  );
}
