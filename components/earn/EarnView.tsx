'use client';

import { appChain } from '@/lib/chain/chains';
import { useTickingChainTime } from '@/lib/chain/chainTime';
import { getDeployment } from '@/lib/chain/contracts';
import { dmcMiningAbi } from '@/contracts-abi/DMCMining.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useMounted } from '@/lib/useMounted';
import { useEarn } from '@/lib/earn/hooks';
import { pendingAt, stakeDaily } from '@/lib/earn/pricing';
import type { EarnState } from '@/lib/earn/read';
import { MINING_CAP, PROGRAMS } from '@/lib/earn/schedule';
import { formatAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import type { MessageKey } from '@/lib/i18n/messages/en';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Countdown } from '../ui/Countdown';
import { ErrorBox } from '../ui/ErrorBox';
import { LocalDate } from '../ui/LocalDate';
import { TxStatus } from '../ui/TxStatus';
import { EmissionChart } from './EmissionChart';
import { LiquidityPanel } from './LiquidityPanel';
import { NftPoolCard } from './NftPoolCard';
import { PoolCard } from './PoolCard';

const PROGRAM_TITLE: Record<(typeof PROGRAMS)[number], MessageKey> = {
  behaviour: 'mining.program.behaviour',
  liquidity: 'mining.program.liquidity',
  staking: 'mining.program.staking',
};
const PROGRAM_NOTE: Record<(typeof PROGRAMS)[number], MessageKey> = {
  behaviour: 'mining.program.behaviourNote',
  liquidity: 'mining.program.liquidityNote',
  staking: 'mining.program.stakingNote',
};

/**
 * DMC mining: the emission (rate, emitted of the cap, next halving, the schedule as a chart), the mining ratios,
 * the DMC price the APRs use (the Uniswap V2 pair), the account's DMC and pending rewards with one claim for all,
 * and each program's pools as cards.
 */
export function EarnView({ initial }: { initial?: EarnState }) {
  const { t } = useI18n();
  const { account, connect } = useConnectedAccount();
  const mounted = useMounted();
  const earn = useEarn(account, initial);
  const state = earn.data;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('mining.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('mining.explain')}</p>
      </div>
      {earn.error ? (
        <ErrorBox message={t('mining.error', { reason: earn.error.message.split('\n')[0] ?? '' })} onRetry={() => earn.refetch()} />
      ) : !state ? (
        <div className="h-60 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : (
        <>
          <Emission state={state} />
          {mounted && !account ? (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center">
              <p className="text-slate-600">{t('mining.connect')}</p>
              <Button className="mt-3" onClick={connect}>
                {t('portfolio.connectButton')}
              </Button>
            </div>
          ) : account ? (
            <YourDmc state={state} account={account} />
          ) : null}
          {PROGRAMS.map((program, i) => {
            const pools = state.pools.filter((p) => p.program === program && p.share > 0n);
            return (
              <section key={program} className="space-y-3" data-testid={`program-${program}`}>
                <div>
                  <h2 className="text-xl font-semibold">
                    {t(PROGRAM_TITLE[program])} <span className="text-base font-normal text-slate-500" data-testid={`split-${program}`} data-value={state.splitBps[i]}>· {t('mining.program.share', { pct: state.splitBps[i]! / 100 })}</span>
                  </h2>
                  <p className="text-sm text-slate-600">{t(PROGRAM_NOTE[program])}</p>
                </div>
                <div className="grid gap-4 lg:grid-cols-2">
                  {pools.map((pool) =>
                    pool.kind === 'nft' ? (
                      <NftPoolCard key={pool.pid} pool={pool} state={state} account={account} />
                    ) : (
                      <PoolCard key={pool.pid} pool={pool} state={state} account={account} />
                    ),
                  )}
                  {program === 'liquidity' && account ? <LiquidityPanel state={state} account={account} /> : null}
                  {pools.length === 0 ? <p className="text-sm text-slate-500">{t('mining.program.none')}</p> : null}
                </div>
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

function Emission({ state }: { state: EarnState }) {
  const { t, tag } = useI18n();
  const pct = Number((state.emitted * 10_000n) / MINING_CAP) / 100;
  const started = state.start > 0n && state.now >= state.start;
  return (
    <section className="grid gap-6 rounded-xl border border-slate-200 bg-white p-5 lg:grid-cols-[1fr_1.4fr]" data-testid="emission">
      <div className="space-y-3">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-500">{t('mining.emission.rate')}</dt>
          <dd data-testid="emission-rate" data-value={state.rate.toString()}>
            <Amount value={state.rate * 86_400n} decimals={18} symbol={t('mining.perDay')} />
          </dd>
          <dt className="text-slate-500">{t('mining.emission.emitted')}</dt>
          <dd data-testid="emission-emitted" data-value={state.emitted.toString()}>
            <Amount value={state.emitted} decimals={18} maxFractionDigits={0} /> / <Amount value={MINING_CAP} decimals={18} symbol="DMC" maxFractionDigits={0} />
          </dd>
          <dt className="text-slate-500">{t('mining.emission.nextHalving')}</dt>
          <dd data-testid="emission-next-halving">
            {state.nextHalving > 0n ? (
              <>
                <Countdown end={state.nextHalving} /> · <LocalDate seconds={state.nextHalving} />
              </>
            ) : (
              t(state.start === 0n ? 'mining.emission.notStarted' : 'mining.emission.capped')
            )}
          </dd>
          <dt className="text-slate-500">{t('mining.emission.price')}</dt>
          <dd data-testid="dmc-price" data-value={state.price?.toString() ?? ''}>
            {state.price === null ? t('mining.emission.noPrice') : t('mining.emission.priceValue', { price: formatAmount(state.price, 6, { locale: tag, maxFractionDigits: 4 }) })}
            <span className="block text-xs text-slate-500">{t('mining.emission.priceSource')}</span>
          </dd>
        </dl>
        <div aria-label={t('mining.emission.progress', { pct })} role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} className="h-2 overflow-hidden rounded-full bg-slate-100">
          <div className="h-full bg-sky-500" style={{ width: `${Math.min(100, pct)}%` }} />
        </div>
        <p className="text-xs text-slate-500">
          {started ? t('mining.emission.started') : null} {state.start > 0n ? <LocalDate seconds={state.start} withTime /> : t('mining.emission.notStarted')}
          {state.unallocated > 0n ? ` · ${t('mining.emission.unallocated', { amount: formatAmount(state.unallocated, 18, { locale: tag, maxFractionDigits: 0 }) })}` : ''}
        </p>
        <p className="text-xs text-slate-500">{t('mining.emission.rules')}</p>
      </div>
      <EmissionChart start={state.start} now={state.now} />
    </section>
  );
}

/** The account's DMC, what it earns a day, what is pending in every pool (ticking), and one claim for all. */
function YourDmc({ state, account }: { state: EarnState; account: `0x${string}` }) {
  const { t } = useI18n();
  const tx = useTransaction();
  const now = useTickingChainTime() ?? state.now;
  const pending = state.pools.reduce((s, p) => s + pendingAt(p, state.now, now), 0n);
  const perDay = state.pools.reduce((s, p) => s + stakeDaily(p.ratePerSecond, p.staked, p.totalWeight), 0n);
  const claimable = state.pools.filter((p) => p.pending > 0n).map((p) => BigInt(p.pid));
  async function claimAll() {
    tx.reset();
    await tx.run({ address: getDeployment().DMCMining, abi: dmcMiningAbi, functionName: 'claim', args: [claimable], account, label: t('mining.form.claimingAll', { count: claimable.length }), invalidate: [queryKeys.earnAll(appChain.id)] });
  }
  return (
    <section className="flex flex-wrap items-end gap-6 rounded-xl border border-slate-200 bg-white p-5" data-testid="your-dmc">
      <div>
        <p className="text-xs text-slate-500">{t('mining.you.balance')}</p>
        <p className="text-2xl font-bold" data-testid="dmc-balance" data-value={state.dmcBalance.toString()}>
          <Amount value={state.dmcBalance} decimals={18} symbol="DMC" maxFractionDigits={4} />
        </p>
      </div>
      <div>
        <p className="text-xs text-slate-500">{t('mining.you.pending')}</p>
        <p className="text-2xl font-bold text-emerald-700" data-testid="pending-total">
          <Amount value={pending} decimals={18} symbol="DMC" maxFractionDigits={4} />
        </p>
      </div>
      <div>
        <p className="text-xs text-slate-500">{t('mining.you.daily')}</p>
        <p className="text-lg" data-testid="daily-total">
          <Amount value={perDay} decimals={18} symbol="DMC" maxFractionDigits={2} />
        </p>
      </div>
      <div className="ml-auto">
        <Button disabled={tx.busy || claimable.length === 0} onClick={() => void claimAll()} data-testid="claim-all">
          {t('mining.you.claimAll', { count: claimable.length })}
        </Button>
        <TxStatus state={tx.state} />
      </div>
    </section>
  );
}
