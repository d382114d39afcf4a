import { z } from 'zod';
import { parseAmount } from '../format/amount';
import { COINS, HASHRATE_DECIMALS } from '../format/hashrate';

/** Limits shared with MinerRegistry.apply (kept in step by the integration test against the contract). */
export const APPLICATION_LIMITS = {
  nameBytes: 100,
  documentsUriBytes: 200,
  maxNftCount: 999_999,
  maxTermDays: 1825,
  maxStartAheadDays: 365,
} as const;

const bytes = (s: string) => new TextEncoder().encode(s).length;
const DAY = 86_400;

/** A field the person must fill: a missing value says "required" like an empty one (not zod's type error). */
const text = () => z.string({ error: 'apply.err.required' }).trim();

/** A whole number typed by a person, within [min, max]: empty says "required", not "at least". */
const wholeNumber = (min: number, minMessage: string, max: number, maxMessage: string) =>
  z.union([z.string(), z.number()], { error: 'apply.err.required' }).pipe(
    z
      .transform((v: string | number) => (typeof v === 'string' ? v.trim() : String(v)))
      .pipe(z.string().min(1, { message: 'apply.err.required', abort: true }).regex(/^\d+$/, { message: 'apply.err.wholeNumber', abort: true }))
      .transform(Number)
      .pipe(z.number().min(min, minMessage).max(max, maxMessage)),
  );

/** A positive decimal amount typed by a person, parsed into base units. Messages are i18n keys (see ApplyForm). */
const decimalAmount = (decimals: number) =>
  text()
    .min(1, 'apply.err.required')
    .transform((s, ctx) => {
      const v = parseAmount(s, decimals);
      if (v === null) {
        ctx.addIssue({ code: 'custom', message: 'apply.err.number', params: { decimals } });
        return z.NEVER;
      }
      if (v === 0n) {
        ctx.addIssue({ code: 'custom', message: 'apply.err.positive' });
        return z.NEVER;
      }
      return v;
    });

/**
 * The miner application form: human units in (TiB, days, USDT, FIL per TiB per day, a date), the
 * contract's units out. `now` is chain time in seconds (the contract checks the start against it).
 */
export function applicationFormSchema(now: number) {
  return z
    .object({
      name: text().min(1, 'apply.err.required').refine((s) => bytes(s) <= APPLICATION_LIMITS.nameBytes, 'apply.err.nameTooLong'),
      documentsURI: text()
        .min(1, 'apply.err.required')
        .refine((s) => bytes(s) <= APPLICATION_LIMITS.documentsUriBytes, 'apply.err.uriTooLong'),
      documentsHash: text()
        .min(1, { message: 'apply.err.required', abort: true })
        .regex(/^0x[0-9a-fA-F]{64}$/, 'apply.err.hashFormat')
        .refine((s) => !/^0x0{64}$/.test(s), 'apply.err.hashZero')
        .transform((s) => s as `0x${string}`),
      coin: z.enum(COINS, { error: 'apply.err.required' }),
      nodeId: text().min(1, 'apply.err.required'),
      totalHashrate: decimalAmount(HASHRATE_DECIMALS),
      effectiveHashrate: decimalAmount(HASHRATE_DECIMALS),
      hashratePerNFT: decimalAmount(HASHRATE_DECIMALS),
      nftCount: wholeNumber(1, 'apply.err.nftMin', APPLICATION_LIMITS.maxNftCount, 'apply.err.nftMax'),
      termDays: wholeNumber(1, 'apply.err.termMin', APPLICATION_LIMITS.maxTermDays, 'apply.err.termMax'),
      startDate: z.string({ error: 'apply.err.startDate' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'apply.err.startDate'),
      pricePerNFT: decimalAmount(6),
      expectedDailyYieldPerUnit: decimalAmount(18),
    })
    .superRefine((f, ctx) => {
      // Zod runs this even when a field failed (its value is then not of its type): check only what parsed.
      const big = (v: unknown): v is bigint => typeof v === 'bigint';
      const num = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
      if (f.coin === 'FIL' && typeof f.nodeId === 'string' && f.nodeId !== '' && !/^f0\d{1,20}$/.test(f.nodeId)) {
        ctx.addIssue({ code: 'custom', path: ['nodeId'], message: 'apply.err.filNodeId' });
      }
      if (f.coin === 'BTC' && typeof f.nodeId === 'string' && bytes(f.nodeId) > 64) ctx.addIssue({ code: 'custom', path: ['nodeId'], message: 'apply.err.nodeIdTooLong' });
      if (big(f.effectiveHashrate) && big(f.totalHashrate) && f.effectiveHashrate > f.totalHashrate) {
        ctx.addIssue({ code: 'custom', path: ['effectiveHashrate'], message: 'apply.err.effectiveAboveTotal' });
      }
      if (num(f.nftCount) && big(f.hashratePerNFT) && big(f.effectiveHashrate) && BigInt(f.nftCount) * f.hashratePerNFT > f.effectiveHashrate) {
        ctx.addIssue({ code: 'custom', path: ['nftCount'], message: 'apply.err.oversold' });
      }
      if (typeof f.startDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(f.startDate)) return;
      const start = Date.parse(`${f.startDate}T00:00:00Z`) / 1000;
      if (Number.isNaN(start) || start < now - DAY) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'apply.err.startPast' });
      if (start >= now + APPLICATION_LIMITS.maxStartAheadDays * DAY) {
        ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'apply.err.startTooFar' });
      }
    })
    .transform(({ startDate, ...f }) => ({ ...f, termStart: BigInt(Date.parse(`${startDate}T00:00:00Z`) / 1000) }));
}

export type ApplicationFormInput = z.input<ReturnType<typeof applicationFormSchema>>;
export type ApplicationParams = z.output<ReturnType<typeof applicationFormSchema>>;
