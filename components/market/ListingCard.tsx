'use client';

import Link from 'next/link';
import { PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { formatHashrate, hashrateUnit, yieldToken } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import type { MarketListing } from '@/lib/market/marketListing';
import { serialOf } from '@/lib/nft/metadata';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Countdown } from '../ui/Countdown';
import { HealthBadge } from '../escrow/HealthBadge';
import type { ProductHealth } from '@/lib/escrow/health';
import { bpsToPercent } from '@/lib/escrow/record';
import { formatAmount } from '@/lib/format/amount';
import { productEarnings } from '@/lib/market/pricing';

/** `filPrice`: the FIL price the buyer assumes (USDT base units per FIL), for the expected earnings; null: none set. */
export function ListingCard({ listing, health, healthLoading, filPrice, now }: { listing: MarketListing; health?: ProductHealth; healthLoading?: boolean; filPrice?: bigint | null; now?: bigint }) {
  const { t, tag } = useI18n();
  const p = listing.product;
  const shownPrice = listing.auction ? (listing.auction.highestBid ?? listing.auction.reservePrice) : listing.price;
  const earn = p.coin === 'FIL' && filPrice && now !== undefined ? productEarnings(p, now, yieldToken(p.coin).decimals, filPrice, shownPrice) : null;
  const hashrate = formatHashrate(p.hashratePerNFT, p.coin, tag);
  const unit = hashrateUnit(p.coin);
  const name = `${t('nft.title', { hashrate, coin: p.coin })} #${serialOf(listing.tokenId)}`;
  const a = listing.auction;
  return (
    <Link
      href={`/nft/${listing.tokenId}`}
      aria-label={t('market.card.view', { name })}
      data-testid={`listing-${listing.tokenId}`}
      className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-sky-400 hover:shadow-md focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${p.coin === 'FIL' ? 'bg-sky-100 text-sky-800' : 'bg-amber-100 text-amber-800'}`}>{p.coin}</span>
          <p className="mt-2 text-2xl font-bold">{hashrate}</p>
          <p className="text-xs text-slate-500">
            {t('nft.attr.product')} {p.productId.toString()} · #{serialOf(listing.tokenId).toString()}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1">
          <span className={`rounded-full px-2 py-0.5 text-xs ${listing.primary ? 'bg-emerald-100 text-emerald-800' : 'bg-violet-100 text-violet-800'}`}>
            {listing.primary ? t('market.card.primary') : t('market.card.resale')}
          </span>
          {a ? (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900" data-testid="auction-badge">
              {t('market.card.auction')} · <Countdown end={a.endTime} className="font-mono" />
            </span>
          ) : null}
        </div>
      </div>
      {/* A fixed-height row: the placeholder and the mark take the same space (the cards do not move when it loads). */}
      <div className="mt-3 flex h-5 items-center">
        <HealthBadge health={health} loading={healthLoading} />
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2 text-sm">
        <dt className="text-slate-500">{t('market.card.node')}</dt>
        <dd className="font-mono">{p.nodeId}</dd>
        <dt className="text-slate-500">{t('market.card.miner')}</dt>
        <dd className="truncate">
          {listing.minerName ? <span title={p.miner}>{listing.minerName}</span> : <AddressLabel address={p.miner} />}
        </dd>
        <dt className="text-slate-500">{t('market.card.termLeft')}</dt>
        <dd>{t('common.days', { count: listing.daysLeft.toString() })}</dd>
        {earn ? (
          <>
            <dt className="text-slate-500">{t('market.card.earns')}</dt>
            <dd data-testid="card-earns">
              ≈ {formatAmount(earn.value, PAYMENT_DECIMALS, { locale: tag, minFractionDigits: 2, maxFractionDigits: 2 })} {PAYMENT_SYMBOL}
              {earn.annualBps !== null ? (
                <span className={`block text-xs ${earn.annualBps < 0n ? 'text-red-700' : 'text-emerald-700'}`}>
                  {t('earn.annual', { sign: earn.annualBps > 0n ? '+' : earn.annualBps < 0n ? '−' : '', percent: bpsToPercent(earn.annualBps < 0n ? -earn.annualBps : earn.annualBps) })}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="mt-4 flex items-end justify-between border-t border-slate-100 pt-3">
        <div>
          <p className="text-xs text-slate-500">
            {a ? (a.highestBid === null ? t('market.card.reserve') : a.bidCount === 1 ? t('market.card.bidsOne') : t('market.card.bids', { count: a.bidCount })) : t('market.card.price')}
          </p>
          <p className="text-lg font-semibold" data-testid="listing-price">
            <Amount value={a?.highestBid ?? listing.price} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} maxFractionDigits={6} minFractionDigits={2} />
          </p>
        </div>
        <div className="text-right">
          <p className="text-xs text-slate-500">{t('market.card.unitPrice', { unit })}</p>
          <p className="text-sm font-medium">
            <Amount value={listing.pricePerUnitDay} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} small />
          </p>
        </div>
      </div>
    </Link>
  );
}
