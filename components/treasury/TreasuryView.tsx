'use client';

import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { jointPoolAbi } from '@/contracts-abi/JointPool.gen';
import { marketplaceAbi } from '@/contracts-abi/Marketplace.gen';
import { revenueAbi } from '@/contracts-abi/Revenue.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTreasury, useTreasuryHistory } from '@/lib/treasury/hooks';
import { SUPPLY_FLOOR, usdtPerDmc, type TreasuryHistory, type TreasuryState } from '@/lib/treasury/read';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Countdown } from '../ui/Countdown';
import { ErrorBox } from '../ui/ErrorBox';
import { LocalDate } from '../ui/LocalDate';
import { TxStatus } from '../ui/TxStatus';
import { SupplyChart } from './SupplyChart';

const invalidate = [queryKeys.treasury(appChain.id), queryKeys.treasuryHistory(appChain.id), queryKeys.poolsAll(appChain.id)];
const IFIL = { symbol: 'IFIL', decimals: 18 } as const;

/**
 * The treasury: platform revenue by source and month, the monthly 80% buyback and burn (supply against the 21M
 * floor, every buyback with its price against the reference), and the two permissionless actions: collect the
 * fees waiting at the market and the loan market, and run the next buyback.
 */
export function TreasuryView({ initial, initialHistory }: { initial?: TreasuryState; initialHistory?: TreasuryHistory }) {
  const { t } = useI18n();
  const treasury = useTreasury(initial);
  const history = useTreasuryHistory(initialHistory);
  const state = treasury.data;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('treasury.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('treasury.explain')}</p>
      </div>
      {treasury.error ? (
        <ErrorBox message={t('treasury.error', { reason: treasury.error.message.split('\n')[0] ?? '' })} onRetry={() => treasury.refetch()} />
      ) : !state ? (
        <div className="h-60 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : (
        <>
          <Burn state={state} history={history.data} />
          <div className="grid gap-4 lg:grid-cols-2">
            <ThisMonth state={state} />
            <NextBuyback state={state} />
          </div>
          <PoolFees state={state} />
        </>
      )}
      {history.error ? (
        <ErrorBox message={t('treasury.error', { reason: history.error.message.split('\n')[0] ?? '' })} onRetry={() => history.refetch()} />
      ) : history.data ? (
        <>
          <Buybacks history={history.data} />
          <Months history={history.data} />
        </>
      ) : (
        <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />
      )}
    </div>
  );
}

function Burn({ state, history }: { state: TreasuryState; history?: TreasuryHistory }) {
  const { t, tag } = useI18n();
  const above = state.supply > SUPPLY_FLOOR ? state.supply - SUPPLY_FLOOR : 0n;
  const average = usdtPerDmc(state.totalPaid, state.totalBought);
  return (
    <section className="grid gap-6 rounded-xl border border-slate-200 bg-white p-5 lg:grid-cols-[1fr_1.4fr]" data-testid="burn">
      <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">{t('treasury.supply')}</dt>
        <dd data-testid="dmc-supply" data-value={state.supply.toString()}>
          <Amount value={state.supply} decimals={18} symbol="DMC" maxFractionDigits={0} />
        </dd>
        <dt className="text-slate-500">{t('treasury.floor')}</dt>
        <dd>
          <Amount value={SUPPLY_FLOOR} decimals={18} symbol="DMC" maxFractionDigits={0} />
          <span className="block text-xs text-slate-500">
            {above > 0n ? t('treasury.aboveFloor', { amount: formatAmount(above, 18, { locale: tag, maxFractionDigits: 0 }) }) : t('treasury.atFloor')}
          </span>
        </dd>
        <dt className="text-slate-500">{t('treasury.burned')}</dt>
        <dd className="font-semibold text-emerald-700" data-testid="total-burned" data-value={state.totalBurned.toString()}>
          <Amount value={state.totalBurned} decimals={18} symbol="DMC" maxFractionDigits={4} />
        </dd>
        <dt className="text-slate-500">{t('treasury.paid')}</dt>
        <dd data-testid="total-paid" data-value={state.totalPaid.toString()}>
          <Amount value={state.totalPaid} decimals={6} symbol="USDT" />
          {state.totalBought > 0n ? (
            <span className="block text-xs text-slate-500">{t('treasury.averagePrice', { price: formatAmount(average, 6, { locale: tag, maxFractionDigits: 6 }) })}</span>
          ) : null}
        </dd>
      </dl>
      <SupplyChart supply={state.supply} now={state.now} buybacks={history?.buybacks ?? []} />
    </section>
  );
}

function ThisMonth({ state }: { state: TreasuryState }) {
  const { t } = useI18n();
  const { account, connect } = useConnectedAccount();
  const tx = useTransaction();
  const monthEnd = state.start + (state.month + 1n) * state.monthLength;
  const waiting = state.waiting.market + state.waiting.loans;
  async function collect() {
    if (!account) return connect();
    tx.reset();
    const d = getDeployment();
    // Fees of new issues (NFTs minted on purchase) wait in each product's sale until booked for the withdrawal.
    if (state.productFees.ids.length > 0) {
      const ok = await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'collectProductFees', args: [state.productFees.ids], account, label: t('treasury.bookingNewIssues'), invalidate });
      if (!ok) return;
    }
    await tx.run({ address: d.Revenue, abi: revenueAbi, functionName: 'collectAll', args: [], account, label: t('treasury.collecting'), invalidate });
  }
  const rows = [
    ['market', t('treasury.source.market')],
    ['loans', t('treasury.source.loans')],
    ['pools', t('treasury.source.pools')],
    ['other', t('treasury.source.other')],
  ] as const;
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="this-month">
      <h2 className="text-lg font-semibold">
        {t('treasury.thisMonth', { month: Number(state.month) + 1 })}{' '}
        <span className="text-sm font-normal text-slate-500">
          · {t('treasury.monthEnds')} <LocalDate seconds={monthEnd} withTime />
        </span>
      </h2>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        {rows.map(([key, label]) => (
          <div key={key} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd data-testid={`month-${key}`} data-value={state.thisMonth[key].toString()}>
              <Amount value={state.thisMonth[key]} decimals={6} symbol="USDT" />
            </dd>
          </div>
        ))}
        {state.toClose > 0n ? (
          <>
            <dt className="text-slate-500">{t('treasury.toClose')}</dt>
            <dd>
              <Amount value={state.toClose} decimals={6} symbol="USDT" />
            </dd>
          </>
        ) : null}
      </dl>
      <div className="rounded-lg bg-slate-50 p-3 text-sm">
        <p data-testid="waiting-fees" data-value={waiting.toString()}>
          {t('treasury.waiting')} <Amount value={waiting} decimals={6} symbol="USDT" />
        </p>
        <p className="text-xs text-slate-500">{t('treasury.waitingNote')}</p>
        <Button className="mt-2" disabled={tx.busy || waiting === 0n} onClick={() => void collect()} data-testid="collect-fees">
          {t('treasury.collect')}
        </Button>
        <TxStatus state={tx.state} />
      </div>
    </section>
  );
}

function NextBuyback({ state }: { state: TreasuryState }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const tx = useTransaction();
  const next = state.next;
  const usdt = (v: bigint) => formatAmount(v, 6, { locale: tag, maxFractionDigits: 2 });
  const dmc = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 2 });
  const price = (paid: bigint, out: bigint) => formatAmount(usdtPerDmc(paid, out), 6, { locale: tag, maxFractionDigits: 6 });
  async function run() {
    if (!account) return connect();
    tx.reset();
    await tx.run({ address: getDeployment().Revenue, abi: revenueAbi, functionName: 'buyback', args: [], account, label: t('treasury.buying'), invalidate });
  }
  const canRun = next.kind === 'window' || next.kind === 'floor' || (next.kind === 'buy' && next.inBounds);
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="next-buyback" data-kind={next.kind}>
      <h2 className="text-lg font-semibold">{t('treasury.next.title')}</h2>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">{t('treasury.budget')}</dt>
        <dd data-testid="budget" data-value={state.budget.toString()}>
          <Amount value={state.budget} decimals={6} symbol="USDT" />
        </dd>
        <dt className="text-slate-500">{t('treasury.lot')}</dt>
        <dd>
          {t('treasury.lotValue', { amount: usdt(state.lot), minutes: Number(state.hop / 60n), pct: Number(state.maxDeviationBps) / 100 })}
        </dd>
      </dl>
      <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="next-step">
        {next.kind === 'empty' ? <p>{t('treasury.next.empty')}</p> : null}
        {next.kind === 'floor' ? <p>{t('treasury.next.floor')}</p> : null}
        {next.kind === 'window' ? <p>{t('treasury.next.window', { minutes: Number(state.hop / 60n) })}</p> : null}
        {next.kind === 'wait' ? (
          <p>
            {t('treasury.next.wait')} <Countdown end={next.readyAt} /> · <LocalDate seconds={next.readyAt} withTime />
          </p>
        ) : null}
        {next.kind === 'buy' ? (
          <>
            <p data-testid="quote" data-paid={next.paid.toString()} data-out={next.out.toString()} data-min-out={next.minOut.toString()}>
              {t('treasury.next.buy', { paid: usdt(next.paid), out: dmc(next.out), min: dmc(next.minOut) })}
            </p>
            <p className="text-xs text-slate-500">
              {t('treasury.next.prices', { price: price(next.paid, next.out), reference: price(next.paid, next.referenceOut) })}
            </p>
            {next.inBounds ? null : <p className="mt-1 text-amber-700">{t('treasury.next.outOfBounds')}</p>}
          </>
        ) : null}
        <Button className="mt-2" disabled={tx.busy || !canRun} onClick={() => void run()} data-testid="run-buyback">
          {next.kind === 'window' ? t('treasury.startWindow') : next.kind === 'floor' ? t('treasury.release') : t('treasury.runBuyback')}
        </Button>
        <p className="mt-1 text-xs text-slate-500">{t('treasury.anyone')}</p>
        <TxStatus state={tx.state} />
      </div>
    </section>
  );
}

/**
 * The joint pools' IFIL fees (their 5% and 0.2%): swept from the pools into Revenue and sold there for USDT on the
 * IFIL/USDT pair (a lot per hop, within the bound of the pair's average price), so they join the month's revenue and
 * its 80% buyback; forwarded to the treasury only where IFIL has no market.
 */
function PoolFees({ state }: { state: TreasuryState }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const tx = useTransaction();
  const inPools = state.ifil.pools.reduce((sum, p) => sum + p.fees, 0n);
  const next = state.ifil.next;
  const ifil = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 4 });
  const usdt = (v: bigint) => formatAmount(v, 6, { locale: tag, maxFractionDigits: 2 });
  // USDT per IFIL: `out` USDT base units for `paid` IFIL base units.
  const price = (paid: bigint, out: bigint) => formatAmount(paid === 0n ? 0n : (out * 10n ** 18n) / paid, 6, { locale: tag, maxFractionDigits: 4 });
  async function sweep() {
    if (!account) return connect();
    tx.reset();
    for (const p of state.ifil.pools.filter((x) => x.fees > 0n)) {
      const r = await tx.run({ address: p.address, abi: jointPoolAbi, functionName: 'sweepFees', args: [], account, label: t('treasury.ifil.sweeping'), invalidate, token: IFIL });
      if (!r) return;
    }
  }
  async function forward() {
    if (!account) return connect();
    tx.reset();
    await tx.run({ address: getDeployment().Revenue, abi: revenueAbi, functionName: 'forwardToken', args: [getDeployment().IFIL], account, label: t('treasury.ifil.forwarding'), invalidate, token: IFIL });
  }
  async function sell() {
    if (!account) return connect();
    tx.reset();
    const label = next.kind === 'sell' ? t('treasury.ifil.selling', { amount: ifil(next.paid) }) : t('treasury.ifil.startingWindow');
    await tx.run({ address: getDeployment().Revenue, abi: revenueAbi, functionName: 'sellToken', args: [getDeployment().IFIL], account, label, invalidate, token: IFIL });
  }
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="pool-fees">
      <h2 className="text-lg font-semibold">{t('treasury.ifil.title')}</h2>
      <p className="text-sm text-slate-600">{t(next.kind === 'none' ? 'treasury.ifil.explainForward' : 'treasury.ifil.explain')}</p>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">{t('treasury.ifil.inPools')}</dt>
          <dd data-testid="ifil-in-pools" data-value={inPools.toString()}>
            <Amount value={inPools} decimals={18} symbol="IFIL" maxFractionDigits={6} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t('treasury.ifil.held')}</dt>
          <dd data-testid="ifil-held" data-value={state.ifil.held.toString()}>
            <Amount value={state.ifil.held} decimals={18} symbol="IFIL" maxFractionDigits={6} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t('treasury.ifil.thisMonth')}</dt>
          <dd data-testid="ifil-this-month" data-value={state.ifil.thisMonth.toString()}>
            <Amount value={state.ifil.thisMonth} decimals={18} symbol="IFIL" maxFractionDigits={6} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{t('treasury.ifil.soldFor')}</dt>
          <dd data-testid="ifil-sold-usdt" data-value={state.thisMonth.pools.toString()}>
            <Amount value={state.thisMonth.pools} decimals={6} symbol="USDT" />
          </dd>
        </div>
      </dl>
      {next.kind === 'none' ? null : (
        <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="ifil-next" data-kind={next.kind}>
          <p className="text-xs text-slate-500">
            {t('treasury.ifil.lot', { amount: ifil(state.ifil.lot), minutes: Number(state.hop / 60n), pct: Number(state.maxDeviationBps) / 100 })}
          </p>
          {next.kind === 'empty' ? <p>{t('treasury.ifil.next.empty')}</p> : null}
          {next.kind === 'window' ? <p>{t('treasury.ifil.next.window', { minutes: Number(state.hop / 60n) })}</p> : null}
          {next.kind === 'wait' ? (
            <p>
              {t('treasury.ifil.next.wait')} <Countdown end={next.readyAt} /> · <LocalDate seconds={next.readyAt} withTime />
            </p>
          ) : null}
          {next.kind === 'sell' ? (
            <>
              <p data-testid="ifil-quote" data-paid={next.paid.toString()} data-out={next.out.toString()} data-min-out={next.minOut.toString()}>
                {t('treasury.ifil.next.sell', { paid: ifil(next.paid), out: usdt(next.out), min: usdt(next.minOut) })}
              </p>
              <p className="text-xs text-slate-500">
                {t('treasury.ifil.next.prices', { price: price(next.paid, next.out), reference: price(next.paid, next.referenceOut) })}
              </p>
              {next.inBounds ? null : <p className="mt-1 text-amber-700">{t('treasury.ifil.next.outOfBounds')}</p>}
            </>
          ) : null}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={tx.busy || inPools === 0n} onClick={() => void sweep()} data-testid="ifil-sweep">
          {t('treasury.ifil.sweep')}
        </Button>
        {next.kind === 'none' ? (
          <Button variant="secondary" disabled={tx.busy || state.ifil.held === 0n} onClick={() => void forward()} data-testid="ifil-forward">
            {t('treasury.ifil.forward')}
          </Button>
        ) : (
          <Button
            variant="secondary"
            disabled={tx.busy || next.kind === 'empty' || next.kind === 'wait' || (next.kind === 'sell' && !next.inBounds)}
            onClick={() => void sell()}
            data-testid="ifil-sell"
          >
            {next.kind === 'window' ? t('treasury.startWindow') : t('treasury.ifil.sell')}
          </Button>
        )}
      </div>
      <TxStatus state={tx.state} />
    </section>
  );
}

function Buybacks({ history }: { history: TreasuryHistory }) {
  const { t, tag } = useI18n();
  const price = (paid: bigint, out: bigint) => formatAmount(usdtPerDmc(paid, out), 6, { locale: tag, maxFractionDigits: 6 });
  return (
    <section className="space-y-3" data-testid="buybacks">
      <h2 className="text-xl font-semibold">{t('treasury.buybacks')}</h2>
      {history.buybacks.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-500">{t('treasury.noBuybacks')}</p>
      ) : (
        <ul className="space-y-2">
          {history.buybacks.map((b) => (
            <li key={b.txHash} className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="buyback-row" data-burned={b.burned.toString()} data-paid={b.paid.toString()}>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-6">
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.time')}</dt>
                  <dd>
                    <LocalDate seconds={BigInt(b.time)} withTime />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.paid')}</dt>
                  <dd>
                    <Amount value={b.paid} decimals={6} symbol="USDT" />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.bought')}</dt>
                  <dd>
                    <Amount value={b.bought} decimals={18} symbol="DMC" maxFractionDigits={4} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.burned')}</dt>
                  <dd className="text-emerald-700">
                    <Amount value={b.burned} decimals={18} symbol="DMC" maxFractionDigits={4} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.price')}</dt>
                  <dd>{price(b.paid, b.bought)} USDT</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.reference')}</dt>
                  <dd>{price(b.paid, b.referenceOut)} USDT</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Months({ history }: { history: TreasuryHistory }) {
  const { t } = useI18n();
  return (
    <section className="space-y-3" data-testid="revenue-months">
      <h2 className="text-xl font-semibold">{t('treasury.months')}</h2>
      {history.months.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-500">{t('treasury.noRevenue')}</p>
      ) : (
        <ul className="space-y-2">
          {history.months.map((m) => (
            <li key={m.month} className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="month-row" data-month={m.month} data-total={m.total.toString()}>
              <p className="font-medium">
                {t('treasury.monthLabel', { month: m.month + 1 })} · <LocalDate seconds={BigInt(m.start)} />
              </p>
              <dl className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-6">
                {(
                  [
                    ['market', m.bySource.market],
                    ['loans', m.bySource.loans],
                    ['pools', m.bySource.pools],
                    ['other', m.bySource.other],
                  ] as const
                ).map(([key, value]) => (
                  <div key={key}>
                    <dt className="text-xs text-slate-500">{t(`treasury.source.${key}`)}</dt>
                    <dd>
                      <Amount value={value} decimals={6} symbol="USDT" />
                    </dd>
                  </div>
                ))}
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.total')}</dt>
                  <dd className="font-semibold">
                    <Amount value={m.total} decimals={6} symbol="USDT" />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.toBuyback')}</dt>
                  <dd>{m.toBuyback === undefined ? t('treasury.open') : <Amount value={m.toBuyback} decimals={6} symbol="USDT" />}</dd>
                </div>
                {m.ifil > 0n ? (
                  <div>
                    <dt className="text-xs text-slate-500">{t('treasury.col.ifil')}</dt>
                    <dd>
                      <Amount value={m.ifil} decimals={18} symbol="IFIL" maxFractionDigits={6} />
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt className="text-xs text-slate-500">{t('treasury.col.toTreasury')}</dt>
                  <dd>{m.toTreasury === undefined ? t('treasury.open') : <Amount value={m.toTreasury} decimals={6} symbol="USDT" />}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
