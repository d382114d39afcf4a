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

/** A positive decimal amount typed by a person, parsed into base units. */
const decimalAmount = (decimals: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .transform((s, ctx) => {
      const v = parseAmount(s, decimals);
      if (v === null) {
        ctx.addIssue({ code: 'custom', message: `${what} must be a number with at most ${decimals} decimals` });
        return z.NEVER;
      }
      if (v === 0n) {
        ctx.addIssue({ code: 'custom', message: `${what} must be more than zero` });
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
      name: z.string().trim().min(1, 'name is required').refine((s) => bytes(s) <= APPLICATION_LIMITS.nameBytes, 'name is too long (100 bytes at most)'),
      documentsURI: z
        .string()
        .trim()
        .min(1, 'a link to the documents is required')
        .refine((s) => bytes(s) <= APPLICATION_LIMITS.documentsUriBytes, 'the documents link is too long (200 bytes at most)'),
      documentsHash: z
        .string()
        .trim()
        .regex(/^0x[0-9a-fA-F]{64}$/, 'the documents hash must be 0x followed by 64 hex characters (sha-256 or keccak-256)')
        .refine((s) => !/^0x0{64}$/.test(s), 'the documents hash cannot be zero')
        .transform((s) => s as `0x${string}`),
      coin: z.enum(COINS),
      nodeId: z.string().trim().min(1, 'node id is required'),
      totalHashrate: decimalAmount(HASHRATE_DECIMALS, 'total hashrate'),
      effectiveHashrate: decimalAmount(HASHRATE_DECIMALS, 'effective hashrate'),
      hashratePerNFT: decimalAmount(HASHRATE_DECIMALS, 'hashrate per NFT'),
      nftCount: z.coerce.number().int('NFT count must be a whole number').min(1, 'at least 1 NFT').max(APPLICATION_LIMITS.maxNftCount, 'at most 999,999 NFTs'),
      termDays: z.coerce.number().int('term must be whole days').min(1, 'term must be at least 1 day').max(APPLICATION_LIMITS.maxTermDays, 'term can be at most 1,825 days'),
      startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'pick a start date'),
      pricePerNFT: decimalAmount(6, 'price per NFT'),
      expectedDailyYieldPerUnit: decimalAmount(18, 'expected daily yield'),
    })
    .superRefine((f, ctx) => {
      if (f.coin === 'FIL' && !/^f0\d{1,20}$/.test(f.nodeId)) {
        ctx.addIssue({ code: 'custom', path: ['nodeId'], message: 'a Filecoin miner id looks like f01234 (f0 and digits)' });
      }
      if (f.coin === 'BTC' && bytes(f.nodeId) > 64) ctx.addIssue({ code: 'custom', path: ['nodeId'], message: 'node id is too long' });
      if (f.effectiveHashrate > f.totalHashrate) {
        ctx.addIssue({ code: 'custom', path: ['effectiveHashrate'], message: 'effective hashrate cannot exceed total hashrate' });
      }
      if (BigInt(f.nftCount) * f.hashratePerNFT > f.effectiveHashrate) {
        ctx.addIssue({ code: 'custom', path: ['nftCount'], message: 'NFT count × hashrate per NFT cannot exceed the effective hashrate' });
      }
      const start = Date.parse(`${f.startDate}T00:00:00Z`) / 1000;
      if (Number.isNaN(start) || start < now - DAY) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'the start date cannot be in the past' });
      if (start >= now + APPLICATION_LIMITS.maxStartAheadDays * DAY) {
        ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'the start date must be within a year' });
      }
    })
    .transform(({ startDate, ...f }) => ({ ...f, termStart: BigInt(Date.parse(`${startDate}T00:00:00Z`) / 1000) }));
}

export type ApplicationFormInput = z.input<ReturnType<typeof applicationFormSchema>>;
export type ApplicationParams = z.output<ReturnType<typeof applicationFormSchema>>;
