'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { parseEventLogs, zeroAddress, type Address } from 'viem';
import { hashrateNftAbi } from '@/contracts-abi/HashrateNFT.gen';
import { marketplaceAbi } from '@/contracts-abi/Marketplace.gen';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useProductHealths } from '@/lib/escrow/hooks';
import type { ProductHealth } from '@/lib/escrow/health';
import { formatUsd } from '@/lib/format/amount';
import { formatHashrate, type Coin } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import type { ProductSaleJson } from '@/lib/market/productSales';
import { serialOf } from '@/lib/nft/metadata';
import { productSalesKey } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { useReferral } from '@/lib/nodes/referral';
import { HealthBadge } from '../escrow/HealthBadge';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

/**
 * New issues: products whose NFTs are on sale unminted (a miner's `listForSale`). A buyer gets the product's next
 * NFT, minted to it on purchase, its money in the escrow as for any first sale. Loaded by `NewIssues` only when
 * there is one, so the market's first load carries no purchase code.
 */
export function ProductSales({ sales, chainTime }: { sales: ProductSaleJson[]; chainTime: bigint }) {
  const { t } = useI18n();
  const health = useProductHealths(sales.map((s) => BigInt(s.productId)));
  return (
    <section aria-labelledby="product-sales-title" className="space-y-3" data-testid="product-sales">
      <div>
        <h2 id="product-sales-title" className="text-lg font-semibold">
          {t('market.newIssues.title')}
        </h2>
        <p className="text-sm text-slate-600">{t('market.newIssues.explain')}</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sales.map((s) => (
          <li key={s.productId}>
            <ProductSaleCard sale={s} chainTime={chainTime} health={health.data?.get(BigInt(s.productId))} healthLoading={health.isPending} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProductSaleCard({ sale, chainTime, health, healthLoading }: { sale: ProductSaleJson; chainTime: bigint; health?: ProductHealth; healthLoading: boolean }) {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const tx = useTransaction();
  const referral = useReferral();
  const [bought, setBought] = useState<bigint | null>(null);
  const queryClient = useQueryClient();
  // The index answers within 2 s with what it has, which under load may not hold the purchase's block yet: until the
  // card has moved past the NFT just bought, it asks again every second (20 times at most), not only every 15 s.
  const [retries, setRetries] = useState(0);
  useEffect(() => {
    if (bought === null || BigInt(sale.nextTokenId) > bought || retries >= 20) return;
    const timer = setTimeout(() => {
      setRetries((r) => r + 1);
      void queryClient.invalidateQueries({ queryKey: productSalesKey });
    }, 1000);
    return () => clearTimeout(timer);
  }, [bought, sale.nextTokenId, retries, queryClient]);
  const coin = sale.coin as Coin;
  const price = BigInt(sale.price);
  const productId = BigInt(sale.productId);
  const hashrate = formatHashrate(BigInt(sale.hashrate), coin, tag);
  const daysLeft = Math.max(0, Math.ceil((sale.termEnd - Number(chainTime)) / 86_400));

  async function buy() {
    if (!account) return;
    const d = getDeployment();
    const paymentKeys = [queryKeys.paymentAll(appChain.id, account)];
    const ok = await tx.ensureAllowance({ token: d.PaymentToken, owner: account, spender: d.Marketplace, amount: price, label: t('nft.sale.step.approve', { amount: formatUsd(price, tag) }), invalidate: paymentKeys });
    if (!ok) return;
    const invalidate = [...paymentKeys, queryKeys.owned(appChain.id, account), queryKeys.listingsAll];
    const label = t('market.newIssues.step', { product: sale.productId });
    const via: Address | null = referral && referral.toLowerCase() !== account.toLowerCase() ? referral : null;
    const receipt = via
      ? await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'buyProductReferred', args: [productId, price, via], account, label, invalidate })
      : await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'buyProduct', args: [productId, price], account, label, invalidate });
    const minted = receipt && parseEventLogs({ abi: hashrateNftAbi, logs: receipt.logs, eventName: 'Transfer' }).find((l) => l.args.from === zeroAddress);
    if (minted) {
      setRetries(0);
      setBought(minted.args.tokenId);
    }
  }

  return (
    <div className="space-y-3 rounded-xl border border-emerald-200 bg-white p-4 shadow-sm" data-testid={`product-sale-${sale.productId}`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${coin === 'FIL' ? 'bg-sky-100 text-sky-800' : 'bg-amber-100 text-amber-800'}`}>{coin}</span>
          <p className="mt-2 text-2xl font-bold">{hashrate}</p>
          <p className="text-xs text-slate-500">
            {t('nft.attr.product')} {sale.productId}
          </p>
        </div>
        <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800" data-testid="product-sale-left">
          {t('market.newIssues.left', { count: sale.remaining, total: sale.nftCount })}
        </span>
      </div>
      <div className="flex h-5 items-center">
        <HealthBadge health={health} loading={healthLoading} />
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-2 text-sm">
        <dt className="text-slate-500">{t('market.card.node')}</dt>
        <dd className="font-mono">{sale.nodeId}</dd>
        <dt className="text-slate-500">{t('market.card.miner')}</dt>
        <dd className="truncate">{sale.minerName ? <span title={sale.seller}>{sale.minerName}</span> : <AddressLabel address={sale.seller as Address} />}</dd>
        <dt className="text-slate-500">{t('market.card.termLeft')}</dt>
        <dd>{t('common.days', { count: String(daysLeft) })}</dd>
        <dt className="text-slate-500">{t('market.card.price')}</dt>
        <dd className="font-semibold" data-testid="product-sale-price">
          <Amount value={price} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} maxFractionDigits={6} />
        </dd>
      </dl>
      <p className="text-xs text-slate-500">{t('market.newIssues.next', { serial: serialOf(BigInt(sale.nextTokenId)).toString() })}</p>
      {account ? (
        <Button data-testid="product-sale-buy" disabled={tx.busy} onClick={buy}>
          {t('market.newIssues.buy', { price: formatUsd(price, tag) })}
        </Button>
      ) : (
        <Button data-testid="product-sale-connect" onClick={connect}>
          {t('market.newIssues.connect')}
        </Button>
      )}
      <TxStatus state={tx.state} />
      {bought !== null ? (
        <p className="text-sm" data-testid="product-sale-bought">
          <Link className="font-medium text-sky-700 underline" href={`/nft/${bought}`}>
            {t('market.newIssues.bought', { id: bought.toString() })}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
