'use client';

import Link from 'next/link';
import type { Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { marketplaceAbi } from '@/contracts-abi/Marketplace.gen';
import { formatHashrate } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { useMyAuctions, useRefund, type MyAuction } from '@/lib/market/auction';
import { useTickingChainTime } from '@/lib/chain/chainTime';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Countdown } from '../ui/Countdown';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';
import { serialOf } from '@/lib/nft/metadata';

/** Portfolio: money from outbid bids to withdraw, and the live auctions the account sells or bids in. */
export function AuctionsAndRefunds({ account }: { account: Address }) {
  const { t } = useI18n();
  const refund = useRefund(account);
  const auctions = useMyAuctions(account);
  const tx = useTransaction();
  const chainId = appChain.id;

  const withdraw = () =>
    tx.run({
      address: getDeployment().Marketplace,
      abi: marketplaceAbi,
      functionName: 'withdrawRefund',
      args: [],
      account,
      label: t('portfolio.withdrawing'),
      invalidate: [queryKeys.paymentAll(chainId, account)],
    });

  return (
    <>
      {refund.data !== undefined && (refund.data > 0n || tx.state.status !== 'idle') ? (
        <section className="flex flex-wrap items-center gap-4 rounded-xl border border-amber-200 bg-amber-50 p-5" data-testid="refund">
          <div className="flex-1">
            <p className="font-medium">{t('portfolio.refundTitle')}</p>
            <p className="text-sm text-amber-900">{t('portfolio.refundHint')}</p>
          </div>
          <p className="text-2xl font-bold" data-testid="refund-amount">
            <Amount value={refund.data} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} />
          </p>
          {refund.data > 0n ? (
            <Button data-testid="withdraw-refund" disabled={tx.busy} onClick={withdraw}>{t('portfolio.withdraw')}</Button>
          ) : null}
          <div className="w-full"><TxStatus state={tx.state} /></div>
        </section>
      ) : null}
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t('portfolio.auctions')}</h2>
        {auctions.isPending ? (
          <div className="h-20 animate-pulse rounded-xl bg-white" aria-busy="true" />
        ) : auctions.error ? (
          <ErrorBox message={t('portfolio.error', { reason: auctions.error.message.split('\n')[0] ?? '' })} onRetry={() => auctions.refetch()} />
        ) : auctions.data.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">{t('portfolio.noAuctions')}</p>
        ) : (
          <ul className="space-y-2" data-testid="my-auctions">
            {auctions.data.map((a) => (
              <MyAuctionRow key={a.tokenId.toString()} a={a} account={account} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** One auction of the account; once it has ended, the seller or the winner settles it from here (anyone may). */
function MyAuctionRow({ a: { tokenId, auction, role, product }, account }: { a: MyAuction; account: Address }) {
  const { t, tag } = useI18n();
  const now = useTickingChainTime();
  const tx = useTransaction();
  const chainId = appChain.id;
  const ended = now !== undefined && now >= auction.endTime;
  const settle = () =>
    tx.run({
      address: getDeployment().Marketplace,
      abi: marketplaceAbi,
      functionName: 'settle',
      args: [tokenId],
      account,
      label: t('auction.stepSettle'),
      invalidate: [queryKeys.owned(chainId, account), queryKeys.listingsAll, queryKeys.token(chainId, tokenId), queryKeys.escrowAll(chainId), queryKeys.paymentAll(chainId, account)],
    });
  return (
    <li className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" data-testid={`my-auction-${tokenId}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/nft/${tokenId}`} className="font-medium text-sky-700 hover:underline">
            {formatHashrate(product.hashratePerNFT, product.coin, tag)} {product.coin} · {product.nodeId} #{serialOf(tokenId).toString()}
          </Link>
          <p className="text-xs text-slate-600" data-testid="my-auction-role">{t(`portfolio.role.${role}`)}</p>
        </div>
        <div className="text-right text-sm">
          <p className="font-semibold">
            <Amount value={auction.highestBidder ? auction.highestBid : auction.reservePrice} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} />
          </p>
          <Countdown end={auction.endTime} className="font-mono text-xs text-slate-500" />
        </div>
      </div>
      {ended && role !== 'outbid' && tx.state.status !== 'confirmed' ? (
        <Button className="w-full sm:w-auto" data-testid="my-auction-settle" disabled={tx.busy} onClick={settle}>
          {auction.highestBidder ? (role === 'seller' ? t('portfolio.settleSeller') : t('portfolio.settleWinner')) : t('auction.settleNoBid')}
        </Button>
      ) : null}
      <TxStatus state={tx.state} />
    </li>
  );
}
