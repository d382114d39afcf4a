'use client';

import Link from 'next/link';
import { PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { useInsuranceOverview } from '@/lib/escrow/hooks';
import { unreleasedOf, type FundBalance } from '@/lib/escrow/read';
import { bpsToPercent, fundCoverage } from '@/lib/escrow/record';
import { DMC_DECIMALS, fundTokenMeta } from '@/lib/escrow/tokens';
import { useI18n } from '@/lib/i18n/client';
import { Amount } from '../ui/Amount';
import { ErrorBox } from '../ui/ErrorBox';
import { UtcDay } from '../ui/UtcDay';
import { OracleSection } from './OracleSection';
import { tokenIdOf } from '@/lib/nft/metadata';

const usd = { decimals: PAYMENT_DECIMALS, symbol: PAYMENT_SYMBOL, minFractionDigits: 2, maxFractionDigits: 6 } as const;

function BalanceCard({ title, b, decimals, symbol, testId }: { title: string; b: FundBalance; decimals: number; symbol: string; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5" data-testid={testId}>
      <p className="text-xs text-slate-500">{title}</p>
      <p className="text-2xl font-bold" data-testid={`${testId}-balance`}>
        <Amount value={b.balance} decimals={decimals} symbol={symbol} />
      </p>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 text-sm">
        <dt className="text-slate-500">{t('insurance.earmarked')}</dt>
        <dd data-testid={`${testId}-earmarked`}><Amount value={b.earmarked} decimals={decimals} symbol={symbol} /></dd>
        <dt className="text-slate-500">{t('insurance.free')}</dt>
        <dd><Amount value={b.balance - b.earmarked} decimals={decimals} symbol={symbol} /></dd>
      </dl>
    </div>
  );
}

/** The insurance fund: balances, what is earmarked, coverage of the escrow, payouts and defaulted products. */
export function InsuranceView() {
  const { t } = useI18n();
  const o = useInsuranceOverview();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('insurance.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('insurance.subtitle')}</p>
      </div>
      {o.isPending ? (
        <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : o.error ? (
        <ErrorBox message={t('insurance.error', { reason: o.error.message.split('\n')[0] ?? '' })} onRetry={() => o.refetch()} />
      ) : (
        <InsuranceBody data={o.data} />
      )}
      <OracleSection />
    </div>
  );
}

function InsuranceBody({ data }: { data: NonNullable<ReturnType<typeof useInsuranceOverview>['data']> }) {
  const { t } = useI18n();
  const usdtFree = data.usdt.balance - data.usdt.earmarked;
  const dmcFree = data.dmc.balance - data.dmc.earmarked;
  const cov = fundCoverage(usdtFree, data.products);
  const defaulted = data.products.filter((p) => p.status === 'Defaulted' || p.halted);
  return (
    <>
      <section className="grid gap-4 md:grid-cols-2">
        <BalanceCard title={t('insurance.usdt')} b={data.usdt} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} testId="fund-usdt" />
        <BalanceCard title={t('insurance.dmc')} b={data.dmc} decimals={DMC_DECIMALS} symbol="DMC" testId="fund-dmc" />
      </section>

      <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-5 text-sm" data-testid="fund-coverage">
        <h2 className="text-lg font-semibold">{t('insurance.coverage')}</h2>
        <p>
          {t('insurance.runningEscrow')} <strong data-testid="running-escrow"><Amount value={cov.runningUnreleased} {...usd} /></strong>
        </p>
        <p>
          {t('insurance.usdtCovers')}{' '}
          <strong data-testid="coverage-percent">{cov.coverageBps === null ? '—' : `${bpsToPercent(cov.coverageBps)}%`}</strong>
        </p>
        <p>
          {t('insurance.dmcFree')} <strong><Amount value={dmcFree} decimals={DMC_DECIMALS} symbol="DMC" /></strong>
        </p>
        <p>
          {t('insurance.haltedOwed')} <strong><Amount value={cov.haltedUnclaimed} {...usd} /></strong>
        </p>
        <p className="text-xs text-slate-500">{t('insurance.coverageExplain')}</p>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t('insurance.payouts')}</h2>
        {data.payouts.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{t('insurance.noPayouts')}</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="stack-table stack-table-boxed w-full text-sm" data-testid="payout-table">
              <thead className="bg-slate-50 text-left text-xs text-slate-500">
                <tr>
                  <th className="px-4 py-2">{t('insurance.col.id')}</th>
                  <th className="px-4 py-2">{t('insurance.col.product')}</th>
                  <th className="px-4 py-2 text-right">{t('insurance.col.amount')}</th>
                  <th className="px-4 py-2 text-right">{t('insurance.col.claimed')}</th>
                  <th className="px-4 py-2">{t('insurance.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {data.payouts.map((p) => {
                  const m = fundTokenMeta(p.token);
                  return (
                    <tr key={p.payoutId.toString()} className="border-t border-slate-100" data-testid={`payout-row-${p.payoutId}`}>
                      <td data-label={t('insurance.col.id')} className="px-4 py-2">#{p.payoutId.toString()}</td>
                      <td data-label={t('insurance.col.product')} className="px-4 py-2">{p.productId.toString()}</td>
                      <td data-label={t('insurance.col.amount')} className="px-4 py-2 text-right"><Amount value={p.amount} decimals={m.decimals} symbol={m.symbol} maxFractionDigits={6} /></td>
                      <td data-label={t('insurance.col.claimed')} className="px-4 py-2 text-right" data-testid="payout-claimed"><Amount value={p.claimed} decimals={m.decimals} symbol={m.symbol} maxFractionDigits={6} /></td>
                      <td data-label={t('insurance.col.state')} className="px-4 py-2">{p.closed ? t('insurance.closed') : t('insurance.open')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t('insurance.defaulted')}</h2>
        {defaulted.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{t('insurance.noDefaulted')}</p>
        ) : (
          <ul className="space-y-2" data-testid="defaulted-products">
            {defaulted.map((p) => (
              <li key={p.productId.toString()} className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-red-200 bg-white p-4 text-sm" data-testid={`defaulted-${p.productId}`}>
                <div>
                  <Link href={`/nft/${tokenIdOf(p.productId, 1n)}`} className="font-medium text-sky-700 hover:underline">
                    {t('insurance.productName', { id: p.productId.toString(), name: p.name })}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {p.status ? t(`record.status.${p.status}` as 'record.status.Active') : ''}
                    {p.halted ? (<> · {t('insurance.haltedOn')} <UtcDay day={p.haltDay} /></>) : null}
                  </p>
                </div>
                <p>
                  {t('insurance.stillOwed')} <Amount value={unreleasedOf(p)} {...usd} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
