import { z } from 'zod';
import { IFIL_DECIMALS, PAYMENT_DECIMALS } from '../chain/contracts';
import { COINS, HASHRATE_DECIMALS } from '../format/hashrate';
import { parseAmount } from '../format/amount';
import { DAY_SECONDS } from '../format/time';
import type { MessageKey } from '../i18n/messages/en';
import { KIND_INDEX, MAX_APR_BPS, MAX_DURATION_DAYS, MAX_MIN_TERM_LEFT_DAYS, MIN_DURATION_DAYS } from './terms';

/**
 * The create-offer and create-request forms: typed text in, the contract's arguments out (USDT and IFIL base
 * units, APR in basis points, seconds), checked against the same bounds LoanMarket checks and against what the
 * account holds, so a form that passes does not revert for its input. Issue messages are i18n keys.
 */
const issue = (ctx: z.RefinementCtx, path: string, message: MessageKey) => ctx.addIssue({ code: 'custom', path: [path], message });

const UINT96_MAX = 2n ** 96n - 1n;

/** A token amount above zero (the contract stores at most a uint96), at most `balance` when given. */
function amountOf(
  s: string,
  token: { decimals: number; field: string; invalid: MessageKey; aboveBalance: MessageKey },
  balance: bigint | null,
  ctx: z.RefinementCtx,
): bigint | null {
  const v = parseAmount(s, token.decimals);
  const message = v === null || v === 0n || v > UINT96_MAX ? token.invalid : balance !== null && v > balance ? token.aboveBalance : null;
  if (message) {
    issue(ctx, token.field, message);
    return null;
  }
  return v;
}
const PRINCIPAL = { decimals: PAYMENT_DECIMALS, field: 'principal', invalid: 'loans.form.principalInvalid', aboveBalance: 'loans.form.principalAboveBalance' } as const;
const IFIL_AMOUNT = { decimals: IFIL_DECIMALS, field: 'ifilAmount', invalid: 'loans.form.ifilInvalid', aboveBalance: 'loans.form.ifilAboveBalance' } as const;

/** A yearly rate in percent, 0 to 500, at most 2 decimals, as basis points. */
function aprOf(s: string, ctx: z.RefinementCtx): bigint | null {
  const v = parseAmount(s, 2);
  if (v === null || v > MAX_APR_BPS) {
    issue(ctx, 'apr', 'loans.form.aprInvalid');
    return null;
  }
  return v;
}

/** Whole days within [min, max], as seconds. */
function daysOf(s: string, min: number, max: number, path: string, message: MessageKey, ctx: z.RefinementCtx): bigint | null {
  if (!/^\d{1,4}$/.test(s) || Number(s) < min || Number(s) > max) {
    issue(ctx, path, message);
    return null;
  }
  return BigInt(s) * DAY_SECONDS;
}

const text = z.string().trim();

export const OFFER_COLLATERALS = ['product', 'anyNft', 'ifil'] as const;
export type OfferCollateral = (typeof OFFER_COLLATERALS)[number];

/** LoanMarket.OfferParams as the contract takes it. */
export type OfferParams = {
  principal: bigint;
  aprBps: bigint;
  duration: bigint;
  kind: 1 | 2;
  collateralAmount: bigint;
  productId: bigint;
  coin: number;
  minHashrate: bigint;
  minTermLeft: bigint;
};

/**
 * A lender's offer. Collateral: NFTs of one product (`productId`, one of `productIds`), any NFT of a coin with at
 * least a hashrate (in TiB or TH/s, 3 decimals), or an IFIL amount; NFT offers also name the days of term the NFT
 * must have left (empty = 0). The principal is escrowed at posting, so it must not exceed the USDT `balance`.
 */
export function offerFormSchema({ balance, productIds }: { balance: bigint | null; productIds: bigint[] }) {
  return z
    .object({
      principal: text,
      apr: text,
      days: text,
      collateral: z.enum(OFFER_COLLATERALS),
      productId: text.default(''),
      coin: z.enum(COINS).default('FIL'),
      minHashrate: text.default(''),
      minTermLeftDays: text.default(''),
      ifilAmount: text.default(''),
    })
    .transform((v, ctx): OfferParams => {
      const principal = amountOf(v.principal, PRINCIPAL, balance, ctx);
      const aprBps = aprOf(v.apr, ctx);
      const duration = daysOf(v.days, MIN_DURATION_DAYS, MAX_DURATION_DAYS, 'days', 'loans.form.daysInvalid', ctx);
      let params: Omit<OfferParams, 'principal' | 'aprBps' | 'duration'> | null = null;
      if (v.collateral === 'ifil') {
        const amount = amountOf(v.ifilAmount, IFIL_AMOUNT, null, ctx);
        if (amount !== null) params = { kind: KIND_INDEX.Ifil, collateralAmount: amount, productId: 0n, coin: 0, minHashrate: 0n, minTermLeft: 0n };
      } else {
        const minTermLeft = daysOf(v.minTermLeftDays || '0', 0, MAX_MIN_TERM_LEFT_DAYS, 'minTermLeftDays', 'loans.form.termLeftInvalid', ctx);
        if (v.collateral === 'product') {
          const ok = /^\d{1,18}$/.test(v.productId) && productIds.includes(BigInt(v.productId));
          if (!ok) issue(ctx, 'productId', 'loans.form.productInvalid');
          if (ok && minTermLeft !== null) params = { kind: KIND_INDEX.Nft, collateralAmount: 0n, productId: BigInt(v.productId), coin: 0, minHashrate: 0n, minTermLeft };
        } else {
          const minHashrate = parseAmount(v.minHashrate || '0', HASHRATE_DECIMALS);
          if (minHashrate === null) issue(ctx, 'minHashrate', 'loans.form.hashrateInvalid');
          if (minHashrate !== null && minTermLeft !== null) {
            params = { kind: KIND_INDEX.Nft, collateralAmount: 0n, productId: 0n, coin: COINS.indexOf(v.coin), minHashrate, minTermLeft };
          }
        }
      }
      if (principal === null || aprBps === null || duration === null || params === null) return z.NEVER;
      return { principal, aprBps, duration, ...params };
    });
}
export type OfferFormInput = z.input<ReturnType<typeof offerFormSchema>>;

export const REQUEST_COLLATERALS = ['nft', 'ifil'] as const;

/** LoanMarket.postRequest's arguments. */
export type RequestParams = { principal: bigint; aprBps: bigint; duration: bigint; kind: 1 | 2; collateral: bigint };

/**
 * A borrower's request: the principal wanted, the APR offered, the duration, and the collateral pledged now:
 * one of the account's NFTs (`tokenIds`) or an IFIL amount up to the IFIL `ifilBalance`.
 */
export function requestFormSchema({ tokenIds, ifilBalance }: { tokenIds: bigint[]; ifilBalance: bigint | null }) {
  return z
    .object({
      principal: text,
      apr: text,
      days: text,
      collateral: z.enum(REQUEST_COLLATERALS),
      tokenId: text.default(''),
      ifilAmount: text.default(''),
    })
    .transform((v, ctx): RequestParams => {
      const principal = amountOf(v.principal, PRINCIPAL, null, ctx);
      const aprBps = aprOf(v.apr, ctx);
      const duration = daysOf(v.days, MIN_DURATION_DAYS, MAX_DURATION_DAYS, 'days', 'loans.form.daysInvalid', ctx);
      let collateral: bigint | null = null;
      if (v.collateral === 'nft') {
        const ok = /^\d{1,30}$/.test(v.tokenId) && tokenIds.includes(BigInt(v.tokenId));
        if (!ok) issue(ctx, 'tokenId', 'loans.form.tokenInvalid');
        else collateral = BigInt(v.tokenId);
      } else {
        collateral = amountOf(v.ifilAmount, IFIL_AMOUNT, ifilBalance, ctx);
      }
      if (principal === null || aprBps === null || duration === null || collateral === null) return z.NEVER;
      return { principal, aprBps, duration, kind: v.collateral === 'nft' ? KIND_INDEX.Nft : KIND_INDEX.Ifil, collateral };
    });
}
export type RequestFormInput = z.input<ReturnType<typeof requestFormSchema>>;
