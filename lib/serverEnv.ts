import 'server-only';
import { z } from 'zod';

/** Server-only configuration, read at run time (not baked into the build). */
const serverEnvSchema = z.object({
  /** The JSON-RPC endpoint the API and the /api/rpc proxy use. */
  RPC_URL: z.string().url().default('http://127.0.0.1:8545'),
  /** How long /api/listings reuses a chain read, in milliseconds. */
  LISTINGS_CACHE_MS: z.coerce.number().int().nonnegative().default(2000),
});

export function serverEnv() {
  return serverEnvSchema.parse(process.env);
}
