import {
  BaseError,
  ContractFunctionRevertedError,
  UserRejectedRequestError,
  decodeErrorResult,
  type Abi,
  type Hex,
} from 'viem';
import { errorsAbi } from '../chain/errorsAbi';
import { formatAmount, formatUsd } from '../format/amount';
import type { TranslateVars } from '../i18n/translate';
import type { MessageKey } from '../i18n/messages/en';

export type ErrorDescription = { key: MessageKey; vars?: TranslateVars };
/** The token a transaction moves, so a revert's amounts are shown in it (USDT by default). */
export type ErrorToken = { symbol: string; decimals: number };

/** Error arguments that are token amounts, shown in the transaction's token (USDT unless told otherwise). */
const AMOUNT_ARGS = new Set(['balance', 'free', 'needed', 'allowance', 'price', 'maxPrice', 'amount', 'minBid', 'principal', 'expected', 'received', 'room', 'available', 'outstanding']);
/** Errors whose `expected` / `received` are token amounts (elsewhere they are statuses, decoded as numbers anyway). */
const AMOUNT_ERRORS_ONLY: Record<string, string> = { expected: 'MarketplaceTransferShort|JointPoolTransferShort', received: 'MarketplaceTransferShort|JointPoolTransferShort' };
/** Error arguments that are UTC day numbers (timestamp / 86400), shown as dates. */
const DAY_ARGS = new Set(['day', 'firstDay', 'latestDay', 'earliest', 'latest']);
/** Error arguments that are unix times (seconds), shown as UTC date and time. */
const TIME_ARGS = new Set(['foreclosableAt', 'termEnd', 'requiredEnd', 'challengeEndsAt', 'readyAt']);
/** The default guard's window bounds: UTC day numbers, shown as dates. */
const WINDOW_DAY_ARGS = new Set(['windowStart', 'windowEnd', 'earliestStart', 'endDay']);
/** DMC amounts (18 decimals) of the promotion nodes' stake errors. */
const DMC_ARGS = new Set(['staked', 'required']);
/** Hashrate in thousandths of the coin's unit (the registry's node bookkeeping). */
const HASHRATE_ARGS = new Set(['alreadySold', 'soldHashrate', 'effectiveHashrate', 'totalHashrate']);

const isAmount = (errorName: string, arg: string) =>
  AMOUNT_ARGS.has(arg) && (AMOUNT_ERRORS_ONLY[arg] === undefined || AMOUNT_ERRORS_ONLY[arg]!.split('|').includes(errorName));
const dayToDate = (day: bigint) => new Date(Number(day) * 86_400_000).toISOString().slice(0, 10);

function describeRevert(errorName: string, args: readonly unknown[] | undefined, locale: string, abi: Abi, token?: ErrorToken): ErrorDescription {
  const key = `errors.${errorName}`;
  const item = abi.find((x) => x.type === 'error' && x.name === errorName);
  const vars: TranslateVars = { name: errorName, symbol: token?.symbol ?? 'USDT' };
  if (item && item.type === 'error' && args) {
    item.inputs.forEach((input, i) => {
      const value = args[i];
      if (!input.name) return;
      vars[input.name] =
        typeof value === 'bigint' && isAmount(errorName, input.name)
          ? token
            ? formatAmount(value, token.decimals, { locale, maxFractionDigits: token.decimals, minFractionDigits: 2 })
            : formatUsd(value, locale)
          : typeof value === 'bigint' && DAY_ARGS.has(input.name) && errorName.endsWith('InvalidDay')
            ? dayToDate(value)
            : typeof value === 'bigint' && WINDOW_DAY_ARGS.has(input.name) && (errorName.startsWith('DefaultGuard') || errorName.startsWith('PoolGuard'))
              ? dayToDate(value)
              : typeof value === 'bigint' && TIME_ARGS.has(input.name)
                ? `${new Date(Number(value) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
                : typeof value === 'bigint' && DMC_ARGS.has(input.name) && errorName.startsWith('PromotionNodes')
                  ? formatAmount(value, 18, { locale, maxFractionDigits: 2 })
                  : typeof value === 'bigint' && HASHRATE_ARGS.has(input.name)
                  ? formatAmount(value, 3, { locale, maxFractionDigits: 3 })
                  : String(value);
    });
  }
  // Every error of every ABI has a sentence in both catalogs (lib/tx/errors.test.ts enumerates them), so an error
  // the ABI knows has its own key; any other falls back to the generic sentence with its name.
  return item ? { key: key as MessageKey, vars } : { key: 'errors.revert', vars };
}

/**
 * Turns anything a wallet, viem or a contract throws into a message key and its values: a custom error
 * becomes its sentence with its arguments; a rejected request, a missing node or gas money say so.
 */
export function describeError(error: unknown, locale = 'en', abi: Abi = errorsAbi, token?: ErrorToken): ErrorDescription {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return { key: 'errors.rejected' };
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      if (reverted.data?.errorName) return describeRevert(reverted.data.errorName, reverted.data.args, locale, abi, token);
      if (reverted.raw) {
        try {
          const decoded = decodeErrorResult({ abi, data: reverted.raw });
          return describeRevert(decoded.errorName, decoded.args, locale, abi, token);
        } catch {
          /* fall through */
        }
      }
    }
    // A revert that reached us as raw data (e.g. from eth_sendTransaction) rather than through a simulation.
    const withData = error.walk((e) => typeof (e as { data?: unknown }).data === 'string') as { data?: Hex } | null;
    if (withData?.data && withData.data.length >= 10) {
      try {
        const decoded = decodeErrorResult({ abi, data: withData.data });
        return describeRevert(decoded.errorName, decoded.args, locale, abi, token);
      } catch {
        /* not one of ours */
      }
    }
    const text = `${error.shortMessage} ${error.details ?? ''}`;
    if (/insufficient funds for gas|gas required exceeds/i.test(text)) return { key: 'errors.gasFunds' };
    if (/fetch failed|HTTP request failed|Failed to fetch|ECONNREFUSED/i.test(text)) return { key: 'errors.network' };
    return { key: 'errors.unknown', vars: { message: error.shortMessage } };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/Failed to fetch|fetch failed/i.test(message)) return { key: 'errors.network' };
  return { key: 'errors.unknown', vars: { message: message.split('\n')[0] ?? message } };
}
