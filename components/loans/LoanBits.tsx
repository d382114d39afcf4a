'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Address } from 'viem';
import { IFIL_DECIMALS, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import type { ProductWithStatus } from '@/lib/loans/read';
import { BPS, collateralValue, coverageBps, ifilValue, type LoanPosition, type LoanState, type NftCollateral } from '@/lib/loans/terms';
import { formatAmount } from '@/lib/format/amount';
import { formatHashrate } from '@/lib/format/hashrate';
import { DAY_SECONDS } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';

export const usd = { decimals: PAYMENT_DECIMALS, symbol: PAYMENT_SYMBOL, minFractionDigits: 2, maxFractionDigits: 6 } as const;
export const ifilUnits = { decimals: IFIL_DECIMALS, symbol: 'IFIL', maxFractionDigits: 6 } as const;

/** "12%", "9.5%": basis points (an APR, a coverage ratio) as a percent. */
export function formatPercent(bps: bigint, locale: string): string {
  return `${formatAmount(bps, 2, { locale })}%`;
}

/** "30 days", "1.5 days": a duration in seconds, in days. */
export function useDays() {
  const { t, tag } = useI18n();
  return (seconds: bigint) => {
    const days = Number(seconds) / Number(DAY_SECONDS);
    const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(days);
    return t(days === 1 ? 'common.day' : 'common.days', { count });
  };
}

/** A label and its value in a two-column list. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Principal, APR and duration of a position, and one more fact (the lender, the borrower or the collateral). */
export function TermFacts({ position, last, testPrefix }: { position: LoanPosition; last: { label: string; node: ReactNode }; testPrefix: string }) {
  const { t, tag } = useI18n();
  const days = useDays();
  return (
    <dl className="grid flex-1 grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
      <Fact label={t('loans.col.principal')} testId={`${testPrefix}-principal`}>
        <Amount value={position.principal} {...usd} />
      </Fact>
      <Fact label={t('loans.col.apr')} testId={`${testPrefix}-apr`}>{formatPercent(position.aprBps, tag)}</Fact>
      <Fact label={t('loans.col.duration')} testId={`${testPrefix}-duration`}>{days(position.duration)}</Fact>
      <Fact label={last.label}>{last.node}</Fact>
    </dl>
  );
}

/**
 * The top of an offer-book or request row: its terms and the other party, and on the right its id with the
 * action (`action`), "yours" for your own position, or a connect button.
 */
export function PositionRowTop({ position, party, own, yours, action }: { position: LoanPosition; party: { label: string; address: Address }; own: boolean; yours: string; action: ReactNode }) {
  const { t } = useI18n();
  const { account, connect } = useConnectedAccount();
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <TermFacts position={position} testPrefix={position.state === 'Offer' ? 'offer' : 'request'} last={{ label: party.label, node: <AddressLabel address={party.address} /> }} />
      <div className="text-right">
        <p className="text-xs text-slate-400">#{position.id.toString()}</p>
        {own ? (
          <span className="text-xs text-slate-500">{yours}</span>
        ) : !account ? (
          <Button variant="secondary" onClick={connect}>
            {t('common.connectToContinue')}
          </Button>
        ) : (
          action
        )}
      </div>
    </div>
  );
}

const STATE_COLORS: Record<LoanState, string> = {
  None: 'bg-slate-100 text-slate-700',
  Offer: 'bg-sky-100 text-sky-800',
  Request: 'bg-violet-100 text-violet-800',
  Active: 'bg-emerald-100 text-emerald-800',
  Repaid: 'bg-slate-100 text-slate-700',
  Foreclosed: 'bg-red-100 text-red-800',
  Cancelled: 'bg-slate-100 text-slate-500',
};

export function StateBadge({ state }: { state: LoanState }) {
  const { t } = useI18n();
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATE_COLORS[state]}`} data-testid="loan-state" data-state={state}>
      {t(`loans.state.${state}`)}
    </span>
  );
}

/** An offer's collateral criteria in words: the product, or the coin, least hashrate and term left; or the IFIL. */
export function CriteriaText({ offer, products }: { offer: LoanPosition; products: ProductWithStatus[] }) {
  const { t, tag } = useI18n();
  if (offer.kind === 'Ifil') {
    return <>{t('loans.criteria.ifil', { amount: formatAmount(offer.collateral, IFIL_DECIMALS, { locale: tag, maxFractionDigits: 18 }) })}</>;
  }
  const days = (offer.minTermLeft / DAY_SECONDS).toString();
  // The message carries its own separator (a space in English, a comma in Chinese).
  const term = offer.minTermLeft > 0n ? t('loans.criteria.termLeft', { days }) : '';
  if (offer.productId !== 0n) {
    const p = products.find((x) => x.product.productId === offer.productId)?.product;
    const what = p
      ? t('loans.criteria.product', { product: offer.productId.toString(), hashrate: formatHashrate(p.hashratePerNFT, p.coin, tag), node: p.nodeId })
      : t('loans.criteria.productOnly', { product: offer.productId.toString() });
    return <>{what + term}</>;
  }
  const what =
    offer.minHashrate > 0n
      ? t('loans.criteria.anyMin', { coin: offer.coin, hashrate: formatHashrate(offer.minHashrate, offer.coin, tag) })
      : t('loans.criteria.any', { coin: offer.coin });
  return <>{what + term}</>;
}

/** An IFIL pledge's loan-to-value at the assumed FIL price (there is no price oracle: the user's assumption). */
export function LtvNote({ principal, ifil, filPrice }: { principal: bigint; ifil: bigint; filPrice: bigint | null }) {
  const { t, tag } = useI18n();
  if (filPrice === null || ifil === 0n) return null;
  const value = ifilValue(ifil, filPrice);
  if (value === 0n) return null;
  return (
    <span className="text-xs text-slate-500" data-testid="ltv-note" data-value={((principal * BPS) / value).toString()}>
      {t('loans.ltv', { ltv: formatPercent((principal * BPS) / value, tag), price: formatAmount(filPrice, PAYMENT_DECIMALS, { locale: tag, maxFractionDigits: 2 }), value: formatAmount(value, PAYMENT_DECIMALS, { locale: tag, maxFractionDigits: 2 }) })}
    </span>
  );
}

/** What a request or loan pledges: a link to the NFT (with its hashrate and product) or the IFIL amount. */
export function PledgedCollateral({ position, nft }: { position: LoanPosition; nft: NftCollateral | undefined }) {
  const { t, tag } = useI18n();
  if (position.kind === 'Ifil') return <Amount value={position.collateral} {...ifilUnits} maxFractionDigits={18} />;
  return (
    <Link href={`/nft/${position.collateral}`} className="text-sky-700 hover:underline" data-testid="pledged-nft">
      NFT #{position.collateral.toString()}
      {nft ? (
        <span className="ml-1 text-xs font-normal text-slate-500">
          ({formatHashrate(nft.product.hashratePerNFT, nft.product.coin, tag)} {nft.product.coin}, {t('nft.attr.product')} {nft.product.productId.toString()})
        </span>
      ) : null}
    </Link>
  );
}

/**
 * The collateral's value against the debt, at the assumed FIL price: an NFT's expected yield over the term left,
 * or the IFIL amount. Shows "not priced" for a BTC NFT or without a FIL price.
 */
export function CoverageLine({ position, nft, now, debt, filPrice }: { position: LoanPosition; nft: NftCollateral | undefined; now: bigint; debt: bigint; filPrice: bigint | null }) {
  const { t, tag } = useI18n();
  const value = filPrice === null ? null : collateralValue(position.kind, position.collateral, nft?.product ?? null, now, filPrice);
  const cover = value === null ? null : coverageBps(value, debt);
  return (
    <p className="text-sm" data-testid="loan-coverage" data-value={value?.toString() ?? ''}>
      <span className="text-slate-500">{t('loans.coverage.label')} </span>
      {value === null ? (
        t('loans.coverage.unpriced')
      ) : (
        <>
          <Amount value={value} {...usd} maxFractionDigits={2} /> {t('loans.coverage.against')} <Amount value={debt} {...usd} maxFractionDigits={2} />
          {cover !== null ? (
            <span className={`ml-2 rounded px-1.5 py-0.5 text-xs font-medium ${cover >= 10_000n ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-900'}`}>
              {formatPercent(cover, tag)}
            </span>
          ) : null}
        </>
      )}
    </p>
  );
}
