'use client';

import { useState } from 'react';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { marketplaceAbi } from '@/contracts-abi/Marketplace.gen';
import { useTickingChainTime } from '@/lib/chain/chainTime';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatUsd, parseAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { useTokenHistory } from '@/lib/market/auction';
import { useReferral } from '@/lib/nodes/referral';
import { usePaymentBalance, type TokenState } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Countdown } from '../ui/Countdown';
import { LocalDate } from '../ui/LocalDate';
import { TxStatus } from '../ui/TxStatus';

/**
 * An English auction on the item page: current bid, minimum next bid, countdown in chain time, your status,
 * bid (approving the USDT first), settle once ended (anyone), cancel before the first bid (seller), history.
 */
export function AuctionPanel({ token }: { token: TokenState }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const referral = useReferral();
  const via = referral && token.primarySale && referral.toLowerCase() !== account?.toLowerCase() ? referral : null;
  const balance = usePaymentBalance(account);
  const history = useTokenHistory(token.tokenId);
  const now = useTickingChainTime();
  const tx = useTransaction();
  const [amount, setAmount] = useState('');
  const a = token.auction!;
  const fmt = (v: bigint) => formatUsd(v, tag);
  const me = account?.toLowerCase();
  const isSeller = me === a.seller.toLowerCase();
  const isHighest = Boolean(me && a.highestBidder?.toLowerCase() === me);
  const hasBid = Boolean(me && history.data?.bids.some((b) => b.bidder.toLowerCase() === me));
  const ended = now !== undefined && now >= a.endTime;
  const d = getDeployment();
  const chainId = appChain.id;
  const invalidate = [queryKeys.token(chainId, token.tokenId), queryKeys.listingsAll, queryKeys.tokenHistory(chainId, token.tokenId)];
  const bidUnits = amount.trim() === '' ? a.minNextBid : parseAmount(amount, PAYMENT_DECIMALS);

  async function bid() {
    if (!account) return;
    if (!bidUnits || bidUnits < a.minNextBid) {
      tx.fail({ key: 'auction.bidTooLow', vars: { min: fmt(a.minNextBid) } });
      return;
    }
    const { data: available } = await balance.refetch();
    if (available !== undefined && available < bidUnits) {
      tx.fail({ key: 'errors.ERC20InsufficientBalance', vars: { balance: fmt(available), needed: fmt(bidUnits), symbol: 'USDT' } });
      return;
    }
    const payment = [queryKeys.paymentAll(chainId, account)];
    if (!(await tx.ensureAllowance({ token: d.PaymentToken, owner: account, spender: d.Marketplace, amount: bidUnits, label: t('auction.stepApprove', { amount: fmt(bidUnits) }), invalidate: payment }))) return;
    const label = t('auction.stepBid', { amount: fmt(bidUnits) });
    // Through a promotion node's link: the node earns its commission if this bid wins a primary sale.
    const ok = via
      ? await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'bidReferred', args: [token.tokenId, bidUnits, via], account, label, invalidate: [...invalidate, ...payment] })
      : await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'bid', args: [token.tokenId, bidUnits], account, label, invalidate: [...invalidate, ...payment] });
    if (ok) setAmount('');
  }
  const settle = () =>
    account && tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'settle', args: [token.tokenId], account, label: t('auction.stepSettle'), invalidate: [...invalidate, queryKeys.owned(chainId, account), queryKeys.escrowAll(chainId)] });
  const cancel = () =>
    account && tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'cancelAuction', args: [token.tokenId], account, label: t('auction.stepCancel'), invalidate: [...invalidate, queryKeys.owned(chainId, account)] });

  const status = isSeller ? t('auction.youSell') : isHighest ? t('auction.youLead') : hasBid ? t('auction.youOutbid') : null;
  return (
    <aside className="h-fit space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="auction-title" data-testid="auction-panel">
      <div className="flex items-center justify-between">
        <h2 id="auction-title" className="text-lg font-semibold">{t('auction.title')}</h2>
        <Countdown end={a.endTime} className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-sm" />
      </div>
      <p className="text-xs text-slate-500">
        {t('auction.endsAt')} <LocalDate seconds={a.endTime} withTime />
      </p>
      <div>
        <p className="text-xs text-slate-500">{a.highestBidder ? t('auction.currentBid') : t('auction.reserve')}</p>
        <p className="text-3xl font-bold" data-testid="current-bid">
          <Amount value={a.highestBidder ? a.highestBid : a.reservePrice} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} />
        </p>
        {a.highestBidder ? (
          <p className="text-sm text-slate-600">
            {t('auction.by')} <AddressLabel address={a.highestBidder} />
          </p>
        ) : (
          <p className="text-sm text-slate-600">{t('auction.noBids')}</p>
        )}
        <p className="mt-1 text-xs text-slate-500">{t(token.primarySale ? 'nft.sale.issuanceFee' : 'nft.sale.fee', { fee: Number(token.feeBps) / 100 })}</p>
      </div>
      <div className="text-sm text-slate-600">
        <span className="text-slate-500">{t('nft.sale.seller')}: </span>
        <AddressLabel address={a.seller} />
      </div>
      {status ? <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="auction-status">{status}</p> : null}
      {!account ? (
        <Button className="w-full" onClick={connect}>{t('auction.connect')}</Button>
      ) : ended ? (
        <Button className="w-full" data-testid="settle-button" disabled={tx.busy} onClick={settle}>
          {a.highestBidder ? t('auction.settle') : t('auction.settleNoBid')}
        </Button>
      ) : isSeller ? (
        !a.highestBidder ? (
          <Button variant="secondary" className="w-full" data-testid="cancel-auction" disabled={tx.busy} onClick={cancel}>{t('auction.cancel')}</Button>
        ) : null
      ) : (
        <div className="space-y-2">
          <label className="block text-sm">
            {t('auction.yourBid', { symbol: PAYMENT_SYMBOL })}
            <input
              className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              inputMode="decimal"
              placeholder={formatUsd(a.minNextBid, 'en-US').replace(/,/g, '')}
              value={amount}
              aria-describedby="min-next-bid"
              onChange={(e) => setAmount(e.target.value)}
            />
          </label>
          <p id="min-next-bid" className="text-xs text-slate-500" data-testid="min-next-bid">{t('auction.minNext', { amount: fmt(a.minNextBid) })}</p>
          {via ? (
            <p className="text-xs text-slate-500" data-testid="bid-referral" data-node={via}>
              {t('nodes.bidVia')} <AddressLabel address={via} />
            </p>
          ) : null}
          <Button className="w-full" data-testid="bid-button" disabled={tx.busy} onClick={bid}>
            {t('auction.bid', { amount: bidUnits ? fmt(bidUnits) : '…' })}
          </Button>
        </div>
      )}
      <TxStatus state={tx.state} />
      <section>
        <h3 className="mb-2 text-sm font-semibold">{t('auction.history')}</h3>
        {history.data && history.data.bids.length > 0 ? (
          <ol className="space-y-1 text-sm" data-testid="bid-history">
            {[...history.data.bids].reverse().map((b) => (
              <li key={`${b.block}-${b.bidder}-${b.amount}`} className="flex justify-between gap-2">
                <AddressLabel address={b.bidder} />
                <span className="font-medium">{fmt(b.amount)} {PAYMENT_SYMBOL}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-500">{history.isPending ? '…' : t('auction.noBidsYet')}</p>
        )}
      </section>
    </aside>
  );
}
