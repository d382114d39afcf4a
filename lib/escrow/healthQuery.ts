import { z } from 'zod';

/** The query of GET /api/products/health: 1 to 100 product ids, comma-separated, each once. */
export const productHealthQuerySchema = z
  .object({
    ids: z
      .string()
      .regex(/^\d{1,12}(,\d{1,12}){0,99}$/, 'must be 1 to 100 product ids, comma-separated')
      .transform((v) => [...new Set(v.split(',').map((x) => BigInt(x)))]),
  })
  .strict();
