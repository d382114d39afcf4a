'use client';

import Link from 'next/link';
import { useState } from 'react';
import { formatUnits, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS } from '@/lib/chain/contracts';
import { yieldDistributorAbi } from '@/contracts-abi/YieldDistributor.gen';
import { formatAmount } from '@/lib/format/amount';
import { formatHashrate, type Coin } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import type { OwnedToken } from '@/lib/market/hooks';
import { serialOf } from '@/lib/nft/metadata';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { usePortfolioYield } from '@/lib/yield/hooks';
import { claimGroups, dayWindow, daysDue } from '@/lib/yield/schedule';
import { DAY, dailyYield, dailyYieldCsv, projectedYield, realizedPercent, returnPercent, type HeldToken } from '@/lib/yield/series';
import { yieldTokenOf } from '@/lib/yield/token';
import { useFilPrice } from '@/lib/yield/useFilPrice';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { FilPriceInput } from '../ui/FilPriceInput';
import { TxStatus } from '../ui/TxStatus';
import { YieldChart } from './YieldChart';

const RANGES = [30, 90] as const;
type Row = {
  token: OwnedToken;
  coin: Coin;
  claimable: bigint;
  claimed: bigint;
  realized: bigint;
  projected: bigint;
  cost: bigint | undefined;
};

const pct = (v: number | null, tag: string) => (v === null ? '—' : `${new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(v)}%`);

/** Portfolio → Yield: claimable now, claim all, daily yield chart and CSV, realized against projected, return. */
export function YieldSection({ account, owned }: { account: Address; owned: OwnedToken[] | undefined }) {
  const { t, tag } = useI18n();
  const q = usePortfolioYield(account, owned);
  const tx = useTransaction();
  const filPrice = useFilPrice();
  const [range, setRange] = useState<(typeof RANGES)[number]>(30);
  const [selected, setSelected] = useState<string>('');
  const [claimed, setClaimed] = useState<{ coin: Coin; total: bigint }[] | null>(null);

  const heading = <h2 className="text-xl font-semibold">{t('yield.title')}</h2>;
  if (owned === undefined || q.isPending) {
    return (
      <section className="space-y-3">
        {heading}
        <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />
      </section>
    );
  }
  if (q.error) {
    return (
      <section className="space-y-3">
        {heading}
        <ErrorBox message={t('yield.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />
      </section>
    );
  }
  if (owned.length === 0 || q.data.deposits.length === 0) {
    return (
      <section className="space-y-3" data-testid="yield-section">
        {heading}
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="yield-empty">
          {owned.length === 0 ? t('yield.noNfts') : t('yield.nothingYet')}
        </p>
      </section>
    );
  }

  const { chainTime, deposits, prices } = q.data;
  const today = chainTime / DAY;
  const byId = new Map(q.data.tokens.map((x) => [x.tokenId, x]));
  const rows: Row[] = owned.map((o) => {
    const y = byId.get(o.tokenId) ?? { claimable: 0n, claimed: 0n };
    const w = dayWindow(o.product.termStart, o.product.termEnd, chainTime);
    return {
      token: o,
      coin: o.product.coin,
      claimable: y.claimable,
      claimed: y.claimed,
      realized: y.claimed + y.claimable,
      projected: projectedYield(o.product.expectedDailyYieldPerUnit, o.product.hashratePerNFT, daysDue(w)),
      cost: prices.get(o.tokenId),
    };
  });
  const coins = [...new Set(rows.map((r) => r.coin))].sort().reverse() as Coin[]; // FIL first
  const held = (list: OwnedToken[]): HeldToken[] =>
    list.map((o) => ({ tokenId: o.tokenId, productId: o.product.productId, hashrate: o.product.hashratePerNFT, productUnits: BigInt(o.product.nftCount) * o.product.hashratePerNFT }));

  // The chart: all NFTs of one yield token, or one NFT.
  const choice = selected || `all:${coins[0]}`;
  const chartToken = choice.startsWith('all:') ? null : owned.find((o) => o.tokenId.toString() === choice) ?? null;
  const chartCoin: Coin = chartToken ? chartToken.product.coin : (choice.slice(4) as Coin);
  const chartTokens = chartToken ? [chartToken] : owned.filter((o) => o.product.coin === chartCoin);
  const series = dailyYield(deposits, held(chartTokens), today, range);
  const chartSymbol = yieldTokenOf(chartCoin);
  const points = series.map((p) => ({ day: p.day, value: chartToken ? p.byToken.get(chartToken.tokenId) ?? 0n : p.total }));

  function downloadCsv() {
    const ids = chartTokens.map((o) => o.tokenId);
    const csv = dailyYieldCsv(series, ids, (v) => formatUnits(v, chartSymbol.decimals), chartSymbol.symbol);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `dmex-yield-${chartToken ? `nft-${chartToken.tokenId}` : chartSymbol.symbol}-${range}d-${new Date(Number(today) * 86_400_000).toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  }

  const groups = claimGroups(rows.map((r) => ({ tokenId: r.token.tokenId, coin: r.coin, claimable: r.claimable })));
  async function claimAll() {
    setClaimed(null);
    const done: { coin: Coin; total: bigint }[] = [];
    for (const g of groups) {
      const token = yieldTokenOf(g.coin);
      const receipt = await tx.run({
        address: getDeployment().YieldDistributor,
        abi: yieldDistributorAbi,
        functionName: 'claim',
        args: [g.tokenIds],
        account,
        label: t('yield.claiming', { amount: formatAmount(g.total, token.decimals, { locale: tag, maxFractionDigits: 18 }), symbol: token.symbol, count: g.tokenIds.length }),
        token,
        invalidate: [queryKeys.yieldAll(appChain.id), queryKeys.yieldTokenAll(appChain.id, account)],
      });
      if (!receipt) break;
      done.push({ coin: g.coin, total: g.total });
    }
    if (done.length) setClaimed(done);
  }

  return (
    <section className="space-y-4" data-testid="yield-section">
      {heading}

      {/* Claimable now, per yield token, and claim all. */}
      <div className="flex flex-wrap items-center gap-6 rounded-xl border border-emerald-200 bg-emerald-50 p-5">
        {coins.map((coin) => {
          const token = yieldTokenOf(coin);
          const total = rows.filter((r) => r.coin === coin).reduce((s, r) => s + r.claimable, 0n);
          return (
            <div key={coin}>
              <p className="text-xs text-emerald-900">{t('yield.claimableNow', { symbol: token.symbol })}</p>
              <p className="text-2xl font-bold" data-testid={`yield-claimable-${coin}`} data-value={total.toString()}>
                <Amount value={total} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={18} />
              </p>
            </div>
          );
        })}
        <div className="ml-auto space-y-1 text-right">
          <Button data-testid="claim-all" disabled={tx.busy || groups.length === 0} onClick={claimAll}>
            {groups.length > 1 ? t('yield.claimAllSeparately', { count: groups.length }) : t('yield.claimAll')}
          </Button>
          {groups.length > 1 ? <p className="text-xs text-emerald-900">{t('yield.claimGroupsHint')}</p> : null}
        </div>
        <div className="w-full">
          {claimed && tx.state.status === 'confirmed' ? (
            <p className="text-sm text-emerald-800" data-testid="claim-done">
              {t('yield.claimed', {
                amounts: claimed.map((c) => `${formatAmount(c.total, yieldTokenOf(c.coin).decimals, { locale: tag, maxFractionDigits: 18 })} ${yieldTokenOf(c.coin).symbol}`).join(' + '),
              })}
            </p>
          ) : (
            <TxStatus state={tx.state} />
          )}
        </div>
      </div>

      {/* Daily yield chart. */}
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-center gap-3">
          <h3 className="font-semibold">{t('yield.daily')}</h3>
          <div className="flex gap-1" role="group" aria-label={t('yield.range')}>
            {RANGES.map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={range === r}
                onClick={() => setRange(r)}
                className={`rounded-md px-2 py-1 text-xs font-medium ${range === r ? 'bg-slate-900 text-white' : 'border border-slate-300 text-slate-700 hover:bg-slate-50'}`}
                data-testid={`yield-range-${r}`}
              >
                {t('common.days', { count: r })}
              </button>
            ))}
          </div>
          <label className="text-xs text-slate-600">
            <span className="sr-only">{t('yield.show')}</span>
            <select className="rounded-md border border-slate-300 px-2 py-1 text-sm" value={choice} onChange={(e) => setSelected(e.target.value)} data-testid="yield-select">
              {coins.map((coin) => (
                <option key={coin} value={`all:${coin}`}>
                  {t('yield.allNfts', { coin })}
                </option>
              ))}
              {owned.map((o) => (
                <option key={o.tokenId.toString()} value={o.tokenId.toString()}>
                  {t('yield.oneNft', { id: o.tokenId.toString(), hashrate: formatHashrate(o.product.hashratePerNFT, o.product.coin, tag), coin: o.product.coin })}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" className="ml-auto px-3 py-1" onClick={downloadCsv} data-testid="yield-csv">
            {t('yield.csv')}
          </Button>
        </div>
        <YieldChart points={points} decimals={chartSymbol.decimals} symbol={chartSymbol.symbol} />
        <p className="text-xs text-slate-500">{t('yield.chartNote')}</p>
      </div>

      {/* Realized against projected, and return at an assumed FIL price. */}
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        <div className="flex flex-wrap items-end gap-4">
          <h3 className="font-semibold">{t('yield.performance')}</h3>
          <FilPriceInput price={filPrice} className="ml-auto text-xs font-medium text-slate-600" inputClassName="mt-1 block w-28" />
        </div>
        <p className="text-xs text-amber-800" data-testid="fil-price-note">{t('yield.filPriceNote')}</p>
        <div className="overflow-x-auto">
          <table className="stack-table w-full text-left text-sm" data-testid="yield-table">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-3 font-medium">{t('yield.col.nft')}</th>
                <th className="py-2 pr-3 font-medium">{t('yield.col.claimable')}</th>
                <th className="py-2 pr-3 font-medium">{t('yield.col.claimed')}</th>
                <th className="py-2 pr-3 font-medium">{t('yield.col.realized')}</th>
                <th className="py-2 pr-3 font-medium">{t('yield.col.projected')}</th>
                <th className="py-2 pr-3 font-medium">{t('yield.col.realizedPct')}</th>
                <th className="py-2 pr-3 font-medium">{t('yield.col.return')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const token = yieldTokenOf(r.coin);
                const ret = r.coin === 'FIL' && r.cost !== undefined && filPrice.value !== null ? returnPercent(r.realized, token.decimals, filPrice.value, r.cost) : null;
                return (
                  <tr key={r.token.tokenId.toString()} className="border-t border-slate-100" data-testid={`yield-row-${r.token.tokenId}`}>
                    <td className="py-2 pr-3">
                      <Link href={`/nft/${r.token.tokenId}`} className="text-sky-700 hover:underline">
                        {formatHashrate(r.token.product.hashratePerNFT, r.coin, tag)} {r.coin} #{serialOf(r.token.tokenId).toString()}
                      </Link>
                      <span className="block text-xs text-slate-500">{t('nft.attr.product')} {r.token.product.productId.toString()}</span>
                    </td>
                    <td data-label={t('yield.col.claimable')} className="py-2 pr-3" data-testid="row-claimable" data-value={r.claimable.toString()}>
                      <Amount value={r.claimable} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.claimed')} className="py-2 pr-3" data-value={r.claimed.toString()}>
                      <Amount value={r.claimed} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.realized')} className="py-2 pr-3" data-value={r.realized.toString()}>
                      <Amount value={r.realized} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.projected')} className="py-2 pr-3" data-value={r.projected.toString()}>
                      <Amount value={r.projected} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.realizedPct')} className="py-2 pr-3">{pct(realizedPercent(r.realized, r.projected), tag)}</td>
                    <td data-label={t('yield.col.return')} className="py-2 pr-3" title={r.cost !== undefined ? t('yield.paid', { price: formatAmount(r.cost, PAYMENT_DECIMALS, { locale: tag, minFractionDigits: 2, maxFractionDigits: 6 }) }) : t('yield.notBought')}>
                      {pct(ret, tag)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              {coins.map((coin) => {
                const token = yieldTokenOf(coin);
                const list = rows.filter((r) => r.coin === coin);
                const realized = list.reduce((s, r) => s + r.realized, 0n);
                const projected = list.reduce((s, r) => s + r.projected, 0n);
                const bought = list.filter((r) => r.cost !== undefined);
                const ret =
                  coin === 'FIL' && bought.length && filPrice.value !== null
                    ? returnPercent(bought.reduce((s, r) => s + r.realized, 0n), token.decimals, filPrice.value, bought.reduce((s, r) => s + r.cost!, 0n))
                    : null;
                return (
                  <tr key={coin} className="border-t-2 border-slate-200 font-semibold" data-testid={`yield-total-${coin}`}>
                    <td className="py-2 pr-3">{t('yield.total', { coin })}</td>
                    <td data-label={t('yield.col.claimable')} className="py-2 pr-3">
                      <Amount value={list.reduce((s, r) => s + r.claimable, 0n)} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.claimed')} className="py-2 pr-3">
                      <Amount value={list.reduce((s, r) => s + r.claimed, 0n)} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.realized')} className="py-2 pr-3" data-value={realized.toString()}>
                      <Amount value={realized} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.projected')} className="py-2 pr-3" data-value={projected.toString()}>
                      <Amount value={projected} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} />
                    </td>
                    <td data-label={t('yield.col.realizedPct')} className="py-2 pr-3" data-testid={`yield-realized-pct-${coin}`}>{pct(realizedPercent(realized, projected), tag)}</td>
                    <td data-label={t('yield.col.return')} className="py-2 pr-3" data-testid={`yield-return-${coin}`}>{pct(ret, tag)}</td>
                  </tr>
                );
              })}
            </tfoot>
          </table>
        </div>
        <p className="text-xs text-slate-500">{t('yield.projectionNote')}</p>
      </div>
    </section>
  );
}
