'use client';

import { useId, useState } from 'react';
import { formatUnits, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { dateTimeFormat } from '@/lib/format/intl';
import { yieldDistributorAbi } from '@/contracts-abi/YieldDistributor.gen';
import { formatAmount, parseAmount } from '@/lib/format/amount';
import { formatHashrate } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { useProductYield, useYieldTokenAllowance, useYieldTokenBalance } from '@/lib/yield/hooks';
import { yieldTokenAddress } from '@/lib/yield/read';
import { dayWindow, expectedDayAmount, obligations, payableDays } from '@/lib/yield/schedule';
import { yieldTokenOf } from '@/lib/yield/token';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';
import { UtcDay } from '../ui/UtcDay';

/**
 * The miner pays a product's daily yield: today's UTC day, the last day paid, the expected amount for one day
 * (prefilled), a day picker (today or an earlier unpaid day; the oldest unpaid one by default), the yield-token balance, approve the exact amount,
 * deposit; and what is still to pay over the term.
 */
export function PayYieldCard({ productId, name, account }: { productId: bigint; name: string; account: Address }) {
  const { t, tag } = useI18n();
  const shortId = useId(); // one card per product on the page
  const q = useProductYield(productId);
  const coin = q.data?.product.coin ?? 'FIL';
  const token = yieldTokenOf(coin);
  const balance = useYieldTokenBalance(coin, account);
  const allowance = useYieldTokenAllowance(coin, account);
  const tx = useTransaction();
  // null until the miner types: the field shows the expected amount for one day.
  const [typed, setAmount] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [paid, setPaid] = useState<{ amount: bigint; day: bigint } | null>(null);

  const p = q.data?.product;
  const perDay = p ? expectedDayAmount(p.expectedDailyYieldPerUnit, p.nftCount, p.hashratePerNFT) : 0n;
  const amount = typed ?? (p ? formatUnits(perDay, token.decimals) : null);

  const title = (
    <p className="font-semibold">
      {t('payYield.title', { name, product: productId.toString() })}
    </p>
  );
  if (q.isPending) return <li className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />;
  if (q.error) {
    return (
      <li className="space-y-2">
        {title}
        <ErrorBox message={t('payYield.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />
      </li>
    );
  }
  const { product, lastDepositDay, paidDays, chainTime } = q.data;
  const cardProps = { className: 'space-y-3 rounded-xl border border-slate-200 bg-white p-4', 'data-testid': `pay-yield-${productId}` };
  const summary = (
    <p className="text-sm text-slate-600">
      <span className="font-mono">{product.nodeId}</span> · {product.nftCount} × {formatHashrate(product.hashratePerNFT, coin, tag)}
    </p>
  );
  if (product.minted < product.nftCount) {
    return (
      <li {...cardProps}>
        {title}
        {summary}
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="pay-yield-minting">
          {t('payYield.mintingOpen', { minted: product.minted, count: product.nftCount })}
        </p>
      </li>
    );
  }

  const w = dayWindow(product.termStart, product.termEnd, chainTime);
  const days = payableDays(w, paidDays);
  const owed = obligations(w, paidDays, perDay);
  // By default the oldest day still unpaid (pay in order: a missed day counts against the miner's window), else
  // the latest day.
  const oldestUnpaid = [...days].reverse().find((d) => !paidDays.has(d)) ?? days[0];
  const chosenDay = day !== null && days.some((d) => d.toString() === day) ? BigInt(day) : oldestUnpaid;
  const units = amount !== null ? parseAmount(amount, token.decimals) : null;
  const enough = units !== null && balance.data !== undefined && balance.data >= units;

  async function pay() {
    setPaid(null);
    if (chosenDay === undefined) return;
    if (!units) return tx.fail({ key: 'errors.YieldDistributorInvalidAmount' });
    const d = getDeployment();
    const approved = await tx.ensureAllowance({
      token: yieldTokenAddress(coin),
      owner: account,
      spender: d.YieldDistributor,
      amount: units,
      label: t('payYield.approving', { amount: formatAmount(units, token.decimals, { locale: tag, maxFractionDigits: 18 }), symbol: token.symbol }),
      errorToken: token,
      invalidate: [queryKeys.yieldTokenAll(appChain.id, account)],
    });
    if (!approved) return;
    const receipt = await tx.run({
      address: d.YieldDistributor,
      abi: yieldDistributorAbi,
      functionName: 'deposit',
      args: [productId, chosenDay, units],
      account,
      label: t('payYield.paying', { amount: formatAmount(units, token.decimals, { locale: tag, maxFractionDigits: 18 }), symbol: token.symbol }),
      token,
      invalidate: [queryKeys.yieldAll(appChain.id), queryKeys.yieldTokenAll(appChain.id, account)],
    });
    if (receipt) {
      setPaid({ amount: units, day: chosenDay });
      setDay(null);
    }
  }

  return (
    <li {...cardProps}>
      {title}
      {summary}
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="text-slate-500">{t('payYield.today')}</dt>
        <dd data-testid="pay-yield-today">
          <UtcDay day={w.today} /> <span className="text-xs text-slate-500">(UTC)</span>
        </dd>
        <dt className="text-slate-500">{t('payYield.lastPaid')}</dt>
        <dd data-testid="pay-yield-last">
          {lastDepositDay === null ? (
            t('payYield.never')
          ) : (
            <>
              <UtcDay day={lastDepositDay} /> · {lastDepositDay >= w.today ? t('payYield.todayShort') : t('payYield.daysAgo', { count: (w.today - lastDepositDay).toString() })}
            </>
          )}
        </dd>
        <dt className="text-slate-500">{t('payYield.perDay')}</dt>
        <dd data-testid="pay-yield-expected" data-value={perDay.toString()}>
          <Amount value={perDay} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={18} />
        </dd>
        <dt className="text-slate-500">{t('payYield.balance', { symbol: token.symbol })}</dt>
        <dd data-testid="pay-yield-balance" data-value={balance.data?.toString()}>
          {balance.data !== undefined ? <Amount value={balance.data} decimals={token.decimals} symbol={token.symbol} maxFractionDigits={6} /> : t('common.loading')}
        </dd>
      </dl>

      {w.latest === null ? (
        <p className="text-sm text-slate-600" data-testid="pay-yield-not-started">
          {t('payYield.notStarted')} <UtcDay day={w.firstDay} />
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-xs font-medium text-slate-600">
            {t('payYield.day')}
            <select
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              value={chosenDay?.toString() ?? ''}
              onChange={(e) => setDay(e.target.value)}
              data-testid="pay-yield-day"
            >
              {days.map((d) => (
                <option key={d.toString()} value={d.toString()}>
                  {dateTimeFormat(tag, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(Number(d) * 86_400_000))}
                  {d === w.today ? ` · ${t('payYield.todayShort')}` : ''}
                  {paidDays.has(d) ? ` · ${t('payYield.alreadyPaid')}` : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t('payYield.amount', { symbol: token.symbol })}
            <input
              className="mt-1 block w-40 rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500"
              inputMode="decimal"
              value={amount ?? ''}
              aria-invalid={units === null || units === 0n}
              aria-describedby={units && balance.data !== undefined && !enough ? shortId : undefined}
              onChange={(e) => setAmount(e.target.value)}
              data-testid="pay-yield-amount"
            />
          </label>
          <Button data-testid="pay-yield-submit" disabled={tx.busy || !units || !enough} onClick={pay}>
            {allowance.data !== undefined && units && allowance.data >= units ? t('payYield.pay') : t('payYield.approveAndPay')}
          </Button>
          {units && balance.data !== undefined && !enough ? (
            <p id={shortId} className="w-full text-xs text-red-700" role="alert" data-testid="pay-yield-short">
              {t('payYield.short', { symbol: token.symbol })}
            </p>
          ) : null}
        </div>
      )}

      <p className="text-sm text-slate-600" data-testid="pay-yield-obligations">
        {t('payYield.obligations', {
          daysLeft: owed.daysLeft.toString(),
          unpaid: owed.unpaidDays.toString(),
          overdue: owed.overdueDays.toString(),
          amount: formatAmount(owed.expectedToPay, token.decimals, { locale: tag, maxFractionDigits: 6 }),
          symbol: token.symbol,
        })}
      </p>
      {paid && tx.state.status === 'confirmed' ? (
        <p className="text-sm text-emerald-700" data-testid="pay-yield-done">
          {t('payYield.done', { amount: formatAmount(paid.amount, token.decimals, { locale: tag, maxFractionDigits: 18 }), symbol: token.symbol, date: new Date(Number(paid.day) * 86_400_000).toISOString().slice(0, 10) })}
        </p>
      ) : (
        <TxStatus state={tx.state} />
      )}
    </li>
  );
}
