/**
 * The loan market's rules, mirrored as pure functions over bigints (LoanMarket.sol is the source of truth; the
 * integration test checks these against the contract): interest, deadlines, which NFTs an offer accepts, the
 * order of the offer book, and the collateral's value against the debt.
 */
import type { Address } from 'viem';
import type { RegistryStatus } from '../escrow/read';
import { COINS, type Coin } from '../format/hashrate';
import { DAY_SECONDS } from '../format/time';
import { expectedYieldLeft } from '../market/pricing';
import type { ProductView } from '../market/types';

export const BPS = 10_000n;
export const YEAR = 365n * DAY_SECONDS;
/** Interest is charged for at least this long (or the whole duration when shorter). */
export const MIN_INTEREST_PERIOD = 7n * DAY_SECONDS;
export const MIN_DURATION_DAYS = 1;
export const MAX_DURATION_DAYS = 365;
/** Highest APR a position may have: 500%. */
export const MAX_APR_BPS = 50_000n;
/** Longest term-left requirement an offer may set, in days. */
export const MAX_MIN_TERM_LEFT_DAYS = 1825;

/** LoanMarket.State, by position. */
export const LOAN_STATES = ['None', 'Offer', 'Request', 'Active', 'Repaid', 'Foreclosed', 'Cancelled'] as const;
export type LoanState = (typeof LOAN_STATES)[number];
/** LoanMarket.Collateral, by position (None is never stored on a position). */
export const COLLATERAL_KINDS = ['None', 'Nft', 'Ifil'] as const;
export type CollateralKind = 'Nft' | 'Ifil';
export const KIND_INDEX = { Nft: 1, Ifil: 2 } as const;

/** One position of the loan market (an offer, a request or a loan), with every number as a bigint. */
export type LoanPosition = {
  id: bigint;
  state: LoanState;
  kind: CollateralKind;
  /** Null on an offer until it is accepted. */
  borrower: Address | null;
  /** Null on a request until it is funded. */
  lender: Address | null;
  /** USDT base units. */
  principal: bigint;
  aprBps: bigint;
  /** Seconds from start to maturity. */
  duration: bigint;
  /** Loan start (unix seconds); 0 before. */
  start: bigint;
  /** NFT collateral: the pledged token id (0 on an offer). IFIL: the amount (on an offer, the amount required). */
  collateral: bigint;
  /** NFT offers: the only accepted product, or 0 for any product of `coin` with `minHashrate`. */
  productId: bigint;
  coin: Coin;
  /** Thousandths of the coin's unit. */
  minHashrate: bigint;
  /** Seconds the NFT's term must still run when the offer is accepted. */
  minTermLeft: bigint;
  /** Loans: the grace period and the fee, fixed at the start. */
  grace: bigint;
  feeBps: bigint;
};

/** The terms a taker saw, as {acceptOffer} and {fundRequest} check them. */
export type Terms = { principal: bigint; aprBps: bigint; duration: bigint; collateral: bigint };

export function termsOf(p: LoanPosition): Terms {
  return { principal: p.principal, aprBps: p.aprBps, duration: p.duration, collateral: p.collateral };
}

/**
 * Interest on `principal` at `aprBps` for a loan of `duration` seconds repaid `elapsed` seconds after its start:
 * simple, pro rata to the second, rounded up, for at least 7 days (or the whole duration when shorter).
 */
export function interestFor(principal: bigint, aprBps: bigint, duration: bigint, elapsed: bigint): bigint {
  const minPeriod = duration < MIN_INTEREST_PERIOD ? duration : MIN_INTEREST_PERIOD;
  const t = elapsed < minPeriod ? minPeriod : elapsed;
  const num = principal * aprBps * t;
  const den = BPS * YEAR;
  return (num + den - 1n) / den;
}

export type AmountDue = { principal: bigint; interest: bigint; fee: bigint; total: bigint };

/** What repaying an active loan costs at chain time `now` (the fee comes out of the interest, to the protocol). */
export function amountDueAt(p: LoanPosition, now: bigint): AmountDue {
  const elapsed = now > p.start ? now - p.start : 0n;
  const interest = interestFor(p.principal, p.aprBps, p.duration, elapsed);
  const fee = (interest * p.feeBps) / BPS;
  return { principal: p.principal, interest, fee, total: p.principal + interest };
}

/** What the lender receives when the loan is repaid at maturity: principal + interest − the protocol's fee. */
export function repaymentAtMaturity(p: Pick<LoanPosition, 'principal' | 'aprBps' | 'duration'>, feeBps: bigint): { interest: bigint; fee: bigint; toLender: bigint } {
  const interest = interestFor(p.principal, p.aprBps, p.duration, p.duration);
  const fee = (interest * feeBps) / BPS;
  return { interest, fee, toLender: p.principal + interest - fee };
}

export function maturityOf(p: LoanPosition): bigint {
  return p.start + p.duration;
}

/** From when the lender may foreclose: maturity + the loan's grace period. */
export function foreclosableAtOf(p: LoanPosition): bigint {
  return maturityOf(p) + p.grace;
}

/** Why an NFT does not meet an offer (the checks of LoanMarket._checkNft, in its order), or null when it does. */
export type NftMismatch = 'notNftOffer' | 'product' | 'coin' | 'hashrate' | 'term' | 'inactive';

/** An NFT as an offer sees it: its product and the product's registry status (null: not made by the registry). */
export type NftCollateral = { tokenId: bigint; product: ProductView; status: RegistryStatus | null };

export function nftMismatch(offer: LoanPosition, nft: Pick<NftCollateral, 'product' | 'status'>, now: bigint): NftMismatch | null {
  if (offer.kind !== 'Nft') return 'notNftOffer';
  const p = nft.product;
  if (offer.productId !== 0n && p.productId !== offer.productId) return 'product';
  if (offer.productId === 0n) {
    if (p.coin !== offer.coin) return 'coin';
    if (p.hashratePerNFT < offer.minHashrate) return 'hashrate';
  }
  if (p.termEnd < now + offer.minTermLeft) return 'term';
  if (nft.status !== 'Active') return 'inactive';
  return null;
}

/** The offer book's order for a borrower: the most money first, then the cheapest, then the oldest. */
export function rankOffers<T extends Pick<LoanPosition, 'principal' | 'aprBps' | 'id'>>(offers: T[]): T[] {
  return [...offers].sort((a, b) =>
    a.principal !== b.principal ? (a.principal > b.principal ? -1 : 1) : a.aprBps !== b.aprBps ? (a.aprBps < b.aprBps ? -1 : 1) : a.id < b.id ? -1 : 1,
  );
}

/**
 * The open NFT offers an NFT meets at chain time `now`, best first (principal desc, then APR asc), without the
 * offers of `borrower` (a lender cannot take its own offer).
 */
export function matchingOffers(offers: LoanPosition[], nft: Pick<NftCollateral, 'product' | 'status'>, now: bigint, borrower?: Address): LoanPosition[] {
  return rankOffers(
    offers.filter(
      (o) => o.state === 'Offer' && nftMismatch(o, nft, now) === null && !(borrower && o.lender?.toLowerCase() === borrower.toLowerCase()),
    ),
  );
}

/** IFIL (18 decimals) at `filPrice` USDT base units per FIL, in USDT base units, rounded down. */
export function ifilValue(amount: bigint, filPrice: bigint): bigint {
  return (amount * filPrice) / 10n ** 18n;
}

/**
 * The collateral's value in USDT base units: for an NFT the IFIL it is still expected to earn (the product's
 * expected daily yield per unit × its hashrate × the days of term left), for IFIL the amount, both at the assumed
 * FIL price. Null when it cannot be priced (a BTC NFT: there is no assumed BTC price).
 */
export function collateralValue(kind: CollateralKind, amount: bigint, nft: ProductView | null, now: bigint, filPrice: bigint): bigint | null {
  if (kind === 'Ifil') return ifilValue(amount, filPrice);
  if (!nft || nft.coin !== 'FIL') return null;
  return ifilValue(expectedYieldLeft(nft.expectedDailyYieldPerUnit, nft.hashratePerNFT, nft.termStart, nft.termEnd, now), filPrice);
}

/** Collateral value over debt in basis points (15000 = 150%); null without a debt. */
export function coverageBps(value: bigint, debt: bigint): bigint | null {
  return debt === 0n ? null : (value * BPS) / debt;
}

/** A raw LoanMarket.position() result as a LoanPosition (viem returns the small uints as numbers). */
export function toLoanPosition(
  id: bigint,
  raw: {
    borrower: Address;
    principal: bigint;
    lender: Address;
    start: number;
    duration: number;
    aprBps: number;
    state: number;
    collateral: bigint;
    productId: bigint;
    minTermLeft: number;
    grace: number;
    feeBps: number;
    kind: number;
    coin: number;
    minHashrate: bigint;
  },
): LoanPosition {
  const zero = /^0x0{40}$/i;
  return {
    id,
    state: LOAN_STATES[raw.state] ?? 'None',
    kind: raw.kind === KIND_INDEX.Nft ? 'Nft' : 'Ifil',
    borrower: zero.test(raw.borrower) ? null : raw.borrower,
    lender: zero.test(raw.lender) ? null : raw.lender,
    principal: raw.principal,
    aprBps: BigInt(raw.aprBps),
    duration: BigInt(raw.duration),
    start: BigInt(raw.start),
    collateral: raw.collateral,
    productId: raw.productId,
    coin: COINS[raw.coin] ?? 'FIL',
    minHashrate: raw.minHashrate,
    minTermLeft: BigInt(raw.minTermLeft),
    grace: BigInt(raw.grace),
    feeBps: BigInt(raw.feeBps),
  };
}

const same = (a: Address | null, b: Address | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/** The positions an account takes part in, grouped the way the "My loans" tab shows them. */
export function positionsOf(positions: LoanPosition[], account: Address) {
  const loan = (p: LoanPosition) => p.state === 'Active' || p.state === 'Repaid' || p.state === 'Foreclosed';
  return {
    borrowing: positions.filter((p) => loan(p) && same(p.borrower, account)),
    lending: positions.filter((p) => loan(p) && same(p.lender, account)),
    offers: positions.filter((p) => p.state === 'Offer' && same(p.lender, account)),
    requests: positions.filter((p) => p.state === 'Request' && same(p.borrower, account)),
  };
}

export function isParty(p: LoanPosition, account: Address | undefined): { borrower: boolean; lender: boolean } {
  return { borrower: same(p.borrower, account), lender: same(p.lender, account) };
}
