'use client';

import Link from 'next/link';
import { formatUnits, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { jointPoolAbi } from '@/contracts-abi/JointPool.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useMounted } from '@/lib/useMounted';
import { formatAmount } from '@/lib/format/amount';
import { useAmountInput } from '@/lib/forms/useAmountInput';
import { useI18n } from '@/lib/i18n/client';
import { usePools } from '@/lib/pools/hooks';
import { annualRateBps, phaseNoteKey, redeemPreview, type JointPoolView, type PoolsState } from '@/lib/pools/read';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { AmountInput } from '../ui/AmountInput';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { LocalDate } from '../ui/LocalDate';
import { TxStatus } from '../ui/TxStatus';
import { PoolRules } from './PoolRules';
import { YieldBars } from './YieldBars';

const IFIL = { symbol: 'IFIL', decimals: 18 } as const;

/**
 * Joint mining: every miner's pool with its phase (genesis with the cap's progress, growth with the term's end,
 * ended), the miner's draw and repayment, the daily yield as a chart and its rate in words, and the account's
 * dToken, yield and collateral with deposit, claim, redeem (fee shown) and collateral claim.
 */
export function PoolsView({ initial }: { initial?: PoolsState }) {
  const { t } = useI18n();
  const { account, connect } = useConnectedAccount();
  const mounted = useMounted();
  const q = usePools(account, initial);
  const state = q.data;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('pools.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('pools.explain')}</p>
      </div>
      {mounted && !account ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-center">
          <p className="text-sm text-slate-600">{t('pools.connect')}</p>
          <Button className="mt-2" onClick={connect}>
            {t('portfolio.connectButton')}
          </Button>
        </div>
      ) : null}
      {q.error ? (
        <ErrorBox message={t('pools.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />
      ) : !state ? (
        <div className="h-60 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : state.pools.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">{t('pools.none')}</p>
      ) : (
        state.pools.map((pool) => <PoolSection key={pool.address} pool={pool} state={state} account={account} />)
      )}
    </div>
  );
}

function PoolSection({ pool, state, account }: { pool: JointPoolView; state: PoolsState; account: Address | undefined }) {
  const { t, tag } = useI18n();
  const fil = (v: bigint, digits = 4) => formatAmount(v, 18, { locale: tag, maxFractionDigits: digits });
  const pct = pool.cap === 0n ? 0 : Number((pool.deposited * 10_000n) / pool.cap) / 100;
  const rate = annualRateBps(pool);
  const position = state.account && account && state.account.toLowerCase() === account.toLowerCase() ? pool.position : null;
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" data-testid={`jpool-${pool.symbol}`} data-phase={pool.phase} data-status={pool.status}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-semibold">
          {pool.symbol} <span className="text-sm font-normal text-slate-500">· {t('pools.miner')} <AddressLabel address={pool.miner} /></span>
        </h2>
        <span className="flex gap-1">
          {pool.status !== 'active' ? (
            <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800" data-testid="jpool-status">
              {t(`pools.status.${pool.status}`)}
            </span>
          ) : null}
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${pool.phase === 'genesis' ? 'bg-amber-100 text-amber-800' : pool.phase === 'growth' ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700'}`} data-testid="jpool-phase">
            {t(`pools.phase.${pool.phase}`)}
          </span>
        </span>
      </div>
      <p className="text-sm text-slate-600" data-testid="jpool-phase-note">{t(phaseNoteKey(pool))}</p>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-3">
          <div>
            <p className="text-sm">
              {t('pools.cap', { deposited: fil(pool.deposited, 2), cap: fil(pool.cap, 2), power: formatAmount(pool.powerMilliTiB, 3, { locale: tag }) })}
            </p>
            <div role="progressbar" aria-label={t('pools.capProgress', { pct })} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" data-testid="jpool-cap" data-deposited={pool.deposited.toString()} data-cap={pool.cap.toString()}>
              <div className="h-full bg-amber-500" style={{ width: `${Math.min(100, pct)}%` }} />
            </div>
          </div>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">{t('pools.liquid')}</dt>
            <dd data-testid="jpool-liquid" data-value={pool.liquid.toString()}>
              <Amount value={pool.liquid} decimals={18} symbol="IFIL" maxFractionDigits={4} />
            </dd>
            <dt className="text-slate-500">{t('pools.drawn')}</dt>
            <dd data-testid="jpool-drawn" data-value={pool.drawn.toString()}>
              <Amount value={pool.drawn} decimals={18} symbol="IFIL" maxFractionDigits={4} />
              <span className="block text-xs text-slate-500">{t('pools.drawnNote')}</span>
            </dd>
            <dt className="text-slate-500">{t('pools.returned')}</dt>
            <dd data-testid="jpool-returned" data-value={pool.returned.toString()}>
              <Amount value={pool.returned} decimals={18} symbol="IFIL" maxFractionDigits={4} />
            </dd>
            <dt className="text-slate-500">{t('pools.term')}</dt>
            <dd>{pool.termEnd === 0n ? t('pools.termNotStarted') : <LocalDate seconds={pool.termEnd} withTime />}</dd>
            <dt className="text-slate-500">{t('pools.yieldPaid')}</dt>
            <dd>
              <Amount value={pool.yieldPaid} decimals={18} symbol="IFIL" maxFractionDigits={4} />
            </dd>
          </dl>
          <p className="text-sm" data-testid="jpool-rate">
            {rate
              ? t('pools.rate', { perDay: fil(rate.perDay, 6), pct: (Number(rate.bps) / 100).toLocaleString(tag, { maximumFractionDigits: 2 }) })
              : t('pools.rateNone')}
          </p>
          <p className="text-xs text-slate-500">{t('pools.split')}</p>
        </div>
        <YieldBars days={pool.days} />
      </div>
      <PoolRules pool={pool} now={state.now} />
      {account ? position ? <Position pool={pool} position={position} account={account} now={state.now} /> : <div className="h-24 animate-pulse rounded-lg bg-slate-50" aria-busy="true" /> : null}
    </section>
  );
}

function Position({ pool, position, account, now }: { pool: JointPoolView; position: NonNullable<JointPoolView['position']>; account: Address; now: bigint }) {
  const { t, tag } = useI18n();
  const tx = useTransaction();
  const { input, setInput, error, take: amount, typed } = useAmountInput(18);
  const invalidate = [queryKeys.poolsAll(appChain.id), queryKeys.paymentAll(appChain.id, account)];
  const fil = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 6 });
  const room = pool.cap - pool.deposited;
  // Deposits only in an active genesis; redemption after genesis, or at once (no fee) once halted or defaulted.
  const depositing = pool.phase === 'genesis' && pool.status === 'active';
  // Staked dToken stays in the wallet, locked in DMC mining: only the free part can be redeemed.
  const free = position.dToken - position.locked;
  const preview = !depositing && typed !== null && typed > 0n && typed <= free ? redeemPreview(pool, typed, position.pendingYield) : null;

  async function deposit() {
    tx.reset();
    const v = amount(position.ifil < room ? position.ifil : room, 'IFIL');
    if (v === null) return;
    const ok = await tx.ensureAllowance({ token: getDeployment().IFIL, owner: account, spender: pool.address, amount: v, label: t('pools.form.approving', { amount: fil(v) }), invalidate, errorToken: IFIL });
    if (!ok) return;
    const r = await tx.run({ address: pool.address, abi: jointPoolAbi, functionName: 'deposit', args: [v], account, label: t('pools.form.depositing', { amount: fil(v) }), invalidate, token: IFIL });
    if (r) setInput('');
  }

  async function redeem() {
    tx.reset();
    const v = amount(free, 'dToken');
    if (v === null) return;
    const r = await tx.run({ address: pool.address, abi: jointPoolAbi, functionName: 'redeem', args: [v], account, label: t('pools.form.redeeming', { amount: fil(v) }), invalidate, token: IFIL });
    if (r) setInput('');
  }

  const claimYield = () => {
    tx.reset();
    return tx.run({ address: pool.address, abi: jointPoolAbi, functionName: 'claimYield', args: [], account, label: t('pools.form.claimingYield'), invalidate, token: IFIL });
  };
  const claimCollateral = () => {
    tx.reset();
    return tx.run({ address: pool.address, abi: jointPoolAbi, functionName: 'claimCollateral', args: [], account, label: t('pools.form.claimingCollateral'), invalidate, token: IFIL });
  };

  return (
    <div className="grid gap-4 rounded-lg bg-slate-50 p-4 lg:grid-cols-2" data-testid="jpool-position">
      <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t('pools.you.dToken')}</dt>
        <dd data-testid="jpool-dtoken" data-value={position.dToken.toString()}>
          <Amount value={position.dToken} decimals={18} symbol={pool.symbol} maxFractionDigits={4} />
          {position.locked > 0n ? (
            <span className="block text-xs text-slate-500" data-testid="jpool-locked" data-value={position.locked.toString()}>
              {t('pools.you.locked', { amount: fil(position.locked), symbol: pool.symbol })}{' '}
              <Link href="/earn" className="text-sky-700 underline">
                {t('pools.you.lockedLink')}
              </Link>
            </span>
          ) : null}
        </dd>
        <dt className="text-slate-500">{t('pools.you.yield')}</dt>
        <dd data-testid="jpool-yield" data-value={position.pendingYield.toString()}>
          <Amount value={position.pendingYield} decimals={18} symbol="IFIL" maxFractionDigits={6} />
        </dd>
        <dt className="text-slate-500">{t('pools.you.weight')}</dt>
        <dd>
          {pool.totalShareSeconds === 0n ? '—' : `${(Number((position.shareSeconds * 1_000_000n) / pool.totalShareSeconds) / 10_000).toLocaleString(tag, { maximumFractionDigits: 2 })}%`}
          <span className="block text-xs text-slate-500">{t('pools.you.weightNote')}</span>
        </dd>
        <dt className="text-slate-500">{t('pools.you.collateral')}</dt>
        <dd data-testid="jpool-collateral" data-value={position.collateral.toString()}>
          {now >= pool.termEnd && pool.termEnd > 0n ? <Amount value={position.collateral} decimals={18} symbol="IFIL" maxFractionDigits={6} /> : t('pools.you.collateralLater')}
        </dd>
        <dt className="text-slate-500">{t('pools.you.ifil')}</dt>
        <dd data-testid="jpool-ifil" data-value={position.ifil.toString()}>
          <Amount value={position.ifil} decimals={18} symbol="IFIL" maxFractionDigits={4} />
          {position.ifil === 0n ? (
            <Link href="/ifil" className="block text-xs text-sky-700 underline">
              {t('pools.you.wrap')}
            </Link>
          ) : null}
        </dd>
      </dl>
      <div className="space-y-2">
        <label className="block text-sm">
          {depositing ? t('pools.form.depositLabel', { room: fil(room) }) : t('pools.form.redeemLabel', { symbol: pool.symbol })}
          <span className="mt-1 flex gap-1">
            <AmountInput value={input} onChange={setInput} invalid={Boolean(error)} errorId={`jpool-error-${pool.symbol}`} testId="jpool-amount" />
            <Button
              variant="secondary"
              className="shrink-0 whitespace-nowrap px-2 py-1"
              onClick={() => setInput(formatUnits(depositing ? (position.ifil < room ? position.ifil : room) : free, 18))}
              data-testid="jpool-max"
            >
              {t('ifil.form.max')}
            </Button>
          </span>
        </label>
        {error ? (
          <p role="alert" id={`jpool-error-${pool.symbol}`} className="text-xs text-red-700">
            {error}
          </p>
        ) : null}
        {preview ? (
          <p className="text-xs text-slate-600" data-testid="jpool-redeem-preview" data-paid={preview.paid.toString()} data-fee={preview.fee.toString()}>
            {t('pools.form.redeemPreview', { principal: fil(preview.principal), yield: fil(preview.yield), fee: fil(preview.fee), paid: fil(preview.paid) })}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {depositing ? (
            <Button disabled={tx.busy || room === 0n} onClick={() => void deposit()} data-testid="jpool-deposit">
              {t('pools.form.deposit')}
            </Button>
          ) : (
            <Button disabled={tx.busy || free === 0n} onClick={() => void redeem()} data-testid="jpool-redeem">
              {t('pools.form.redeem')}
            </Button>
          )}
          <Button variant="secondary" disabled={tx.busy || position.pendingYield === 0n} onClick={() => void claimYield()} data-testid="jpool-claim-yield">
            {t('pools.form.claimYield')}
          </Button>
          {pool.phase === 'ended' ? (
            <Button variant="secondary" disabled={tx.busy || position.collateral === 0n} onClick={() => void claimCollateral()} data-testid="jpool-claim-collateral">
              {t('pools.form.claimCollateral')}
            </Button>
          ) : null}
        </div>
        <p className="text-xs text-slate-500" data-testid="jpool-form-note">
          {pool.status !== 'active' ? t('pools.form.noFeeHalted') : depositing ? t('pools.form.noRedeemInGenesis') : t('pools.form.feeNote')}
        </p>
        <TxStatus state={tx.state} />
      </div>
    </div>
  );
}
