import { z } from 'zod';

/** A token id in a URL: decimal digits, at most 78 (uint256). */
export const tokenIdSchema = z
  .string()
  .regex(/^\d{1,78}$/, 'token id must be a decimal number')
  .transform((s) => BigInt(s))
  .refine((n) => n < 2n ** 256n, 'token id must fit in uint256');
