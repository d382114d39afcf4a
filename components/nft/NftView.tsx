'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { getDeployment } from '@/lib/chain/contracts';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatHashrate, hashrateUnit, yieldToken } from '@/lib/format/hashrate';
import { numberFormat } from '@/lib/format/intl';
import { termDays, termDaysLeft } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { useTokenState, type TokenState } from '@/lib/market/hooks';
import { expectedYieldLeft } from '@/lib/market/pricing';
import { nodeExplorerUrl, serialOf } from '@/lib/nft/metadata';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { ErrorBox } from '../ui/ErrorBox';
import { LocalDate } from '../ui/LocalDate';
import { AuctionPanel } from './AuctionPanel';
import { BuyPanel } from './BuyPanel';
import { EscrowPanel } from './EscrowPanel';
import { TokenHistory } from './TokenHistory';
import { YieldPanel } from './YieldPanel';

// The holder's panels (sell, borrow against, send) load only for the NFT's holder (and the loan panel for a pledged
// NFT): a visitor's page does not download them.
const SellPanel = dynamic(() => import('./SellPanel').then((m) => m.SellPanel));
const BorrowPanel = dynamic(() => import('./BorrowPanel').then((m) => m.BorrowPanel));
const SendPanel = dynamic(() => import('./SendPanel').then((m) => m.SendPanel));
// Only a staked NFT names its staker (a DMC mining read): the Earn readers load only then.
const StakedOwner = dynamic(() => import('./StakedOwner').then((m) => m.StakedOwner));
import { HealthBadge } from '../escrow/HealthBadge';
import { useProductHealths } from '@/lib/escrow/hooks';
import type { ProductHealth } from '@/lib/escrow/health';
import type { ProductRecord } from '@/lib/escrow/read';

type Props = {
  tokenId: string;
  /** The server's reads for the first paint (absent when it could not read), taken as fresh as of `readAt`. */
  initialState?: TokenState | null;
  initialRecord?: { record: ProductRecord; readAt: number };
  initialHealth?: ProductHealth[];
  readAt?: number;
};

export function NftView({ tokenId: tokenIdText, initialState, initialRecord, initialHealth, readAt = 0 }: Props) {
  const { t, tag } = useI18n();
  const tokenId = BigInt(tokenIdText);
  const { data, error, isPending, refetch } = useTokenState(tokenId, initialState, readAt);
  const healths = useProductHealths(data ? [data.product.productId] : [], initialHealth, initialRecord?.readAt);
  const { account } = useConnectedAccount();

  const back = (
    <Link href="/" className="text-sm text-sky-700 hover:underline">
      {t('nft.back')}
    </Link>
  );
  if (isPending) {
    return (
      <div className="space-y-4" aria-busy="true">
        {back}
        <div className="h-10 w-72 animate-pulse rounded bg-slate-200" />
        <div className="h-80 animate-pulse rounded-xl bg-white" />
      </div>
    );
  }
  if (error) {
    return (
      <div className="space-y-4">
        {back}
        <ErrorBox message={t('nft.error', { reason: error.message.split('\n')[0] ?? '' })} onRetry={() => refetch()} />
      </div>
    );
  }
  if (!data) {
    return (
      <div className="space-y-4">
        {back}
        <p role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-900">
          {t('nft.notFound', { id: tokenIdText })}
        </p>
      </div>
    );
  }

  const p = data.product;
  const unit = hashrateUnit(p.coin);
  const token = yieldToken(p.coin);
  const hashrate = formatHashrate(p.hashratePerNFT, p.coin, tag);
  const explorer = nodeExplorerUrl(p.coin, p.nodeId);
  const daysLeft = termDaysLeft(p.termStart, p.termEnd, data.chainTime);
  const holds = Boolean(account && account.toLowerCase() === data.owner.toLowerCase());

  return (
    <div className="space-y-6">
      {back}
      <div className="grid gap-8 lg:grid-cols-[1fr_380px]">
        <div className="space-y-6">
          <div className="flex items-center gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- an SVG served by our own API */}
            <img src={`/api/nft/${tokenIdText}/image`} alt="" width={96} height={96} className="rounded-xl" />
            <div>
              <h1 className="text-3xl font-bold tracking-tight" data-testid="nft-title">
                {t('nft.title', { hashrate, coin: p.coin })} #{serialOf(tokenId).toString()}
              </h1>
              <p className="text-sm text-slate-500">
                {t('nft.attr.product')} {p.productId.toString()} · ID {tokenIdText}
              </p>
              <a href="#miner-record" className="mt-1 inline-block" aria-label={t('health.label')}>
                <HealthBadge health={healths.data?.get(p.productId)} loading={healths.isPending} />
              </a>
            </div>
          </div>
          <section className="rounded-xl border border-slate-200 bg-white p-5">
            <h2 className="mb-3 text-lg font-semibold">{t('nft.attributes')}</h2>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[180px_1fr]">
              <dt className="text-slate-500">{t('nft.attr.coin')}</dt>
              <dd>{p.coin}</dd>
              <dt className="text-slate-500">{t('nft.attr.node')}</dt>
              <dd>
                <span className="font-mono">{p.nodeId}</span>
                {explorer ? (
                  <a href={explorer} target="_blank" rel="noreferrer noopener" className="ml-2 text-sky-700 hover:underline">
                    {t('nft.attr.verifyNode')} ↗
                  </a>
                ) : null}
              </dd>
              <dt className="text-slate-500">{t('nft.attr.hashrate')}</dt>
              <dd>{hashrate}</dd>
              <dt className="text-slate-500">{t('nft.attr.term')}</dt>
              <dd>{t('common.days', { count: termDays(p.termStart, p.termEnd).toString() })}</dd>
              <dt className="text-slate-500">{t('nft.attr.termStart')}</dt>
              <dd>
                <LocalDate seconds={p.termStart} />
              </dd>
              <dt className="text-slate-500">{t('nft.attr.termEnd')}</dt>
              <dd>
                <LocalDate seconds={p.termEnd} />
              </dd>
              <dt className="text-slate-500">{t('nft.attr.termLeft')}</dt>
              <dd>{t('common.days', { count: daysLeft.toString() })}</dd>
              <dt className="text-slate-500">{t('nft.attr.expectedYield')}</dt>
              <dd>
                {t('nft.attr.expectedYieldValue', {
                  amount: numberFormat(tag, { maximumFractionDigits: 6 }).format(Number(p.expectedDailyYieldPerUnit) / 10 ** token.decimals),
                  symbol: token.symbol,
                  unit,
                })}
              </dd>
              <dt className="text-slate-500">{t('nft.attr.expectedTotal')}</dt>
              <dd>
                <Amount
                  value={expectedYieldLeft(p.expectedDailyYieldPerUnit, p.hashratePerNFT, p.termStart, p.termEnd, data.chainTime)}
                  decimals={token.decimals}
                  symbol={token.symbol}
                  maxFractionDigits={4}
                />
              </dd>
              <dt className="text-slate-500">{t('nft.attr.miner')}</dt>
              <dd data-testid="nft-miner">
                {data.application ? <span className="mr-1 font-medium">{data.application.name}</span> : null}
                <AddressLabel address={p.miner} />
                {data.application ? (
                  <span className="block text-xs text-slate-500">{t('nft.attr.application', { id: data.application.id.toString() })}</span>
                ) : null}
              </dd>
              <dt className="text-slate-500">{t('nft.attr.owner')}</dt>
              <dd data-testid="nft-owner">
                {data.auction ? (
                  <>
                    <span className="mr-1">{t('auction.heldByMarket')}</span>
                    <span className="text-xs text-slate-500">
                      ({t('nft.sale.seller')}: <AddressLabel address={data.auction.seller} />)
                    </span>
                  </>
                ) : data.owner.toLowerCase() === getDeployment().LoanMarket.toLowerCase() ? (
                  <span data-testid="nft-owner-pledged">{t('borrow.ownerPledged')}</span>
                ) : data.owner.toLowerCase() === getDeployment().DMCMining.toLowerCase() ? (
                  <StakedOwner tokenId={tokenId} />
                ) : (
                  <AddressLabel address={data.owner} />
                )}
              </dd>
              <dt className="text-slate-500">{t('nft.attr.metadata')}</dt>
              <dd>
                <a href={`/api/nft/${tokenIdText}`} className="text-sky-700 hover:underline">
                  /api/nft/{tokenIdText}
                </a>
              </dd>
            </dl>
          </section>
          <TokenHistory tokenId={tokenId} />
          <EscrowPanel token={data} initialRecord={initialRecord} />
        </div>
        <div className="space-y-6">
          {data.auction ? <AuctionPanel token={data} /> : <BuyPanel token={data} />}
          {holds ? <SellPanel token={data} /> : null}
          {holds || data.owner.toLowerCase() === getDeployment().LoanMarket.toLowerCase() ? <BorrowPanel token={data} /> : null}
          <YieldPanel token={data} />
          {holds ? <SendPanel token={data} /> : null}
        </div>
      </div>
    </div>
  );
}
