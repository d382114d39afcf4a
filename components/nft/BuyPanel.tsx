'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { marketplaceAbi } from '@/contracts-abi/Marketplace.gen';
import { appChain } from '@/lib/chain/chains';
import { isLocalChain } from '@/lib/env';
import { formatAmount, formatUsd } from '@/lib/format/amount';
import { hashrateUnit, yieldToken } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { usePaymentAllowance, usePaymentBalance, type TokenState } from '@/lib/market/hooks';
import { pricePerUnitDay } from '@/lib/market/pricing';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useReferral } from '@/lib/nodes/referral';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';
import { ExpectedEarnings } from './ExpectedEarnings';
import { useProductHealths } from '@/lib/escrow/hooks';
import { isPayingInFull } from '@/lib/escrow/health';

export function BuyPanel({ token }: { token: TokenState }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const balance = usePaymentBalance(account);
  const allowance = usePaymentAllowance(account);
  const tx = useTransaction();
  const queryClient = useQueryClient();
  const referral = useReferral();
  const health = useProductHealths([token.product.productId]).data?.get(token.product.productId);
  const risky = health !== undefined && !isPayingInFull(health);
  // What a buyer sees is what a buyer gets: the purchase commits to the claim nonce of the figures on this page.
  // When value was claimed out of the NFT since (the seller took its refund, yield or insurance payout), the
  // figures are refreshed and the buyer must look at them again before buying.
  const [seenNonce, setSeenNonce] = useState<bigint>(token.claimNonce);
  const valueChanged = seenNonce !== token.claimNonce;
  useEffect(() => {
    if (valueChanged) void queryClient.invalidateQueries();
  }, [valueChanged, queryClient]);

  const { listing } = token;
  const isSeller = Boolean(account && listing && listing.seller.toLowerCase() === account.toLowerCase());
  const isOwner = Boolean(account && token.owner.toLowerCase() === account.toLowerCase());
  const fmt = (v: bigint) => formatUsd(v, tag);

  async function buy() {
    if (!account || !listing) return;
    // Short of money: say so before asking for any signature, so nothing on-chain changes.
    const { data: available } = await balance.refetch();
    if (available !== undefined && available < listing.price) {
      tx.fail({ key: 'errors.ERC20InsufficientBalance', vars: { balance: fmt(available), needed: fmt(listing.price), symbol: 'USDT' } });
      return;
    }
    const d = getDeployment();
    const chainId = appChain.id;
    const paymentKeys = [queryKeys.paymentAll(chainId, account)];
    const approved = await tx.ensureAllowance({
      token: d.PaymentToken,
      owner: account,
      spender: d.Marketplace,
      amount: listing.price,
      label: t('nft.sale.step.approve', { amount: fmt(listing.price) }),
      invalidate: paymentKeys,
    });
    if (!approved) return;
    const invalidate = [...paymentKeys, queryKeys.token(chainId, token.tokenId), queryKeys.owned(chainId, account), queryKeys.listingsAll];
    const label = (allowance.data ?? 0n) < listing.price ? t('nft.sale.step.buy') : t('nft.sale.step.buyOnly');
    // Through a promotion node's link: the same price; the node's commission comes out of the platform's fee.
    const via = referral && referral.toLowerCase() !== account.toLowerCase() ? referral : null;
    if (via) {
      await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'buyReferred', args: [token.tokenId, listing.price, seenNonce, via], account, label, invalidate });
      void queryClient.invalidateQueries({ queryKey: queryKeys.token(chainId, token.tokenId) });
      return;
    }
    await tx.run({
      address: d.Marketplace,
      abi: marketplaceAbi,
      functionName: 'buy',
      args: [token.tokenId, listing.price, seenNonce],
      account,
      label,
      invalidate,
    });
    // A refused purchase may mean the NFT changed under the buyer: read it again so the page shows why.
    void queryClient.invalidateQueries({ queryKey: queryKeys.token(chainId, token.tokenId) });
  }

  const insufficient = Boolean(listing && balance.data !== undefined && balance.data < listing.price);
  const bought = tx.state.status === 'confirmed' && isOwner;

  return (
    <aside className="h-fit space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="buy-title">
      <h2 id="buy-title" className="text-lg font-semibold">
        {t('nft.sale.title')}
      </h2>
      {!listing ? (
        <p className="text-slate-600" data-testid="not-listed">{bought ? null : isOwner ? t('nft.sale.youOwn') : t('nft.sale.notListed')}</p>
      ) : (
        <>
          <div>
            <p className="text-xs text-slate-500">{t('nft.sale.price')}</p>
            <p className="text-3xl font-bold" data-testid="sale-price">
              <Amount value={listing.price} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} maxFractionDigits={6} minFractionDigits={2} />
            </p>
            <p className="mt-1 text-sm text-slate-600">
              {t('nft.sale.unitPrice', {
                amount: formatAmount(
                  pricePerUnitDay(listing.price, token.product.hashratePerNFT, token.product.termStart, token.product.termEnd, token.chainTime),
                  PAYMENT_DECIMALS,
                  { locale: tag, maxFractionDigits: 5 },
                ),
                unit: hashrateUnit(token.product.coin),
              })}
            </p>
            <p className="mt-1 text-xs text-slate-500">{t(token.primarySale ? 'nft.sale.issuanceFee' : 'nft.sale.fee', { fee: Number(token.feeBps) / 100 })}</p>
          </div>
          <ExpectedEarnings product={token.product} price={listing.price} now={token.chainTime} />
          {risky ? (
            <p className={`rounded-lg p-3 text-sm ${health.kind === 'short' ? 'bg-amber-50 text-amber-900' : 'bg-red-50 text-red-900'}`} data-testid="buy-risk" data-health={health.kind}>
              {t('nft.sale.riskWarning', { state: t(`health.kind.${health.kind}`), explain: t(`health.explain.${health.kind}`) })}{' '}
              <a href="#miner-record" className="font-medium underline">
                {t('nft.sale.riskRecord')}
              </a>
            </p>
          ) : null}
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 rounded-lg bg-slate-50 p-3 text-sm" data-testid="buy-includes">
            <dt className="col-span-2 text-xs font-medium text-slate-500">{t('nft.sale.includes')}</dt>
            <dt className="text-slate-600">{t('nft.sale.includesYield')}</dt>
            <dd data-testid="buy-includes-yield" data-value={token.unclaimedYield.toString()}>
              <Amount value={token.unclaimedYield} decimals={yieldToken(token.product.coin).decimals} symbol={token.product.coin === 'FIL' ? 'IFIL' : 'WBTC'} maxFractionDigits={6} />
            </dd>
            {token.refundable > 0n ? (
              <>
                <dt className="text-slate-600">{t('nft.sale.includesRefund')}</dt>
                <dd data-testid="buy-includes-refund" data-value={token.refundable.toString()}>
                  <Amount value={token.refundable} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} maxFractionDigits={6} />
                </dd>
              </>
            ) : null}
            <dd className="col-span-2 text-xs text-slate-500">{t('nft.sale.includesGuarantee')}</dd>
          </dl>
          <div className="text-sm text-slate-600">
            <span className="text-slate-500">{t('nft.sale.seller')}: </span>
            <AddressLabel address={listing.seller} />
            <p className="text-xs text-slate-500">
              {listing.seller.toLowerCase() === token.product.miner.toLowerCase() ? t('nft.sale.primary') : t('nft.sale.resale')}
            </p>
          </div>
          {!token.listingActive ? (
            <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">{t('nft.sale.stale')}</p>
          ) : isSeller ? (
            <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700">{t('nft.sale.youSell')}</p>
          ) : !account ? (
            <Button className="w-full" onClick={connect}>
              {t('nft.sale.connect')}
            </Button>
          ) : valueChanged ? (
            <div className="space-y-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="value-changed" role="alert">
              <p>{t('nft.sale.valueChanged', { tokenId: token.tokenId.toString() })}</p>
              <Button variant="secondary" data-testid="value-changed-ack" onClick={() => setSeenNonce(token.claimNonce)}>
                {t('nft.sale.valueChangedAck')}
              </Button>
            </div>
          ) : (
            <>
              <Button className="w-full" data-testid="buy-button" disabled={tx.busy || balance.isPending} onClick={buy}>
                {t('nft.sale.buy', { price: fmt(listing.price) })}
              </Button>
              {referral && token.primarySale && referral.toLowerCase() !== account?.toLowerCase() ? (
                <p className="text-xs text-slate-500" data-testid="buy-referral" data-node={referral}>
                  {t('nodes.buyVia')} <AddressLabel address={referral} />
                </p>
              ) : null}
              {balance.data !== undefined ? (
                <p className="text-xs text-slate-500" data-testid="buyer-balance">
                  {t('nft.sale.balance', { amount: fmt(balance.data) })}
                </p>
              ) : null}
              {insufficient && tx.state.status === 'idle' ? (
                <p className="text-sm text-amber-800" data-testid="insufficient-hint">
                  {t('nft.sale.insufficient', { price: fmt(listing.price), balance: fmt(balance.data!) })}{' '}
                  {isLocalChain ? t('nft.sale.insufficientLocal') : null}
                </p>
              ) : null}
            </>
          )}
        </>
      )}
      <TxStatus state={tx.state} />
      {bought ? (
        <p className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="bought">
          {t('nft.sale.bought')}{' '}
          <Link href="/portfolio" className="font-medium underline">
            {t('nft.sale.toPortfolio')}
          </Link>
        </p>
      ) : null}
    </aside>
  );
}
