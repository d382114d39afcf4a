'use client';

import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { yieldDistributorAbi } from '@/contracts-abi/YieldDistributor.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useI18n } from '@/lib/i18n/client';
import type { TokenState } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { useTokenYield } from '@/lib/yield/hooks';
import { dailyYield } from '@/lib/yield/series';
import { yieldTokenOf } from '@/lib/yield/token';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';
import { UtcDay } from '../ui/UtcDay';

const DAYS = 7;

/** The item page's yield: unclaimed (it goes with the NFT), claimed so far, the last 7 days, and Claim for the owner. */
export function YieldPanel({ token }: { token: TokenState }) {
  const { t } = useI18n();
  const { account } = useConnectedAccount();
  const q = useTokenYield(token.tokenId, DAYS);
  const tx = useTransaction();
  const p = token.product;
  const y = yieldTokenOf(p.coin);
  const isOwner = Boolean(account && account.toLowerCase() === token.owner.toLowerCase());

  const heading = <h2 className="text-lg font-semibold">{t('tokenYield.title')}</h2>;
  if (q.isPending) {
    return (
      <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        {heading}
        <div className="h-24 animate-pulse rounded bg-slate-100" aria-busy="true" />
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
  const { claimable, claimed, today, deposits } = q.data;
  const held = [{ tokenId: token.tokenId, productId: p.productId, hashrate: p.hashratePerNFT, productUnits: BigInt(p.nftCount) * p.hashratePerNFT }];
  const series = dailyYield(deposits, held, today, DAYS).reverse(); // newest first

  const claim = () =>
    tx.run({
      address: getDeployment().YieldDistributor,
      abi: yieldDistributorAbi,
      functionName: 'claim',
      args: [[token.tokenId]],
      account: account!,
      label: t('tokenYield.claiming'),
      token: y,
      invalidate: [queryKeys.yieldAll(appChain.id), queryKeys.yieldTokenAll(appChain.id, account!)],
    });

  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="token-yield">
      {heading}
      <dl className="grid grid-cols-[1fr_auto] gap-y-1 text-sm">
        <dt className="text-slate-500">{t('tokenYield.unclaimed')}</dt>
        <dd className="font-semibold" data-testid="token-yield-claimable" data-value={claimable.toString()}>
          <Amount value={claimable} decimals={y.decimals} symbol={y.symbol} maxFractionDigits={18} />
        </dd>
        <dt className="text-slate-500">{t('tokenYield.claimed')}</dt>
        <dd data-testid="token-yield-claimed" data-value={claimed.toString()}>
          <Amount value={claimed} decimals={y.decimals} symbol={y.symbol} maxFractionDigits={18} />
        </dd>
      </dl>
      <p className="text-xs text-slate-600">{t('tokenYield.goesWithNft')}</p>
      <div>
        <h3 className="mb-1 text-sm font-medium">{t('tokenYield.last7')}</h3>
        <ul className="divide-y divide-slate-100 text-sm" data-testid="token-yield-days">
          {series.map((d) => (
            <li key={d.day.toString()} className="flex justify-between py-1" data-testid="token-yield-day" data-value={d.total.toString()}>
              <UtcDay day={d.day} withWeekday />
              <Amount value={d.total} decimals={y.decimals} symbol={y.symbol} maxFractionDigits={8} className={d.total === 0n ? 'text-slate-400' : ''} />
            </li>
          ))}
        </ul>
      </div>
      {isOwner ? (
        <>
          <Button className="w-full" data-testid="token-yield-claim" disabled={tx.busy || claimable === 0n} onClick={claim}>
            {claimable === 0n ? t('tokenYield.nothing') : t('tokenYield.claim')}
          </Button>
          <TxStatus state={tx.state} />
        </>
      ) : null}
    </section>
  );
}
