import 'server-only';
import { z } from 'zod';

/** Server-only configuration, read at run time (not baked into the build). */
const serverEnvSchema = z.object({
  /** The JSON-RPC endpoint the API and the /api/rpc proxy use. */
  RPC_URL: z.string().url().default('http://127.0.0.1:8545'),
  /** How long /api/listings reuses a chain read, in milliseconds. */
  LISTINGS_CACHE_MS: z.coerce.number().int().nonnegative().default(2000),
  /** The listing index's folder; each chain's SQLite file is `<INDEX_DIR>/<chainId>/index.sqlite`. */
  INDEX_DIR: z.string().min(1).default('.index'),
  /** A PostgreSQL URL: the index lives there instead of the SQLite file (one process indexes, every app
   * process reads; see INDEX_ROLE). Unset: the embedded SQLite store. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  /** `auto` (default): with DATABASE_URL the process holding the chain's lock indexes and the others read (one
   * takes over when the indexer stops); `indexer` / `reader` force the role. */
  INDEX_ROLE: z.enum(['auto', 'indexer', 'reader']).default('auto'),
  /** Blocks a block must be buried under before the index reads it (default: 0 on 31337, 12 elsewhere). */
  INDEX_CONFIRMATIONS: z.coerce.number().int().nonnegative().optional(),
  /** The first block the index reads (default: the deployment's start block). */
  INDEX_START_BLOCK: z.coerce.number().int().nonnegative().optional(),
  /** How often the index polls the chain, in milliseconds. */
  INDEX_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** Blocks per eth_getLogs range. */
  INDEX_BATCH_BLOCKS: z.coerce.number().int().positive().default(2000),
  /** The /api/rpc proxy's per-client budget: calls per second sustained, and the burst it allows. */
  RPC_RATE_PER_SECOND: z.coerce.number().positive().default(100),
  RPC_BURST: z.coerce.number().int().positive().default(2000),
  /** How long the proxy waits for the node before answering 504, in milliseconds. */
  RPC_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

export function serverEnv() {
  return serverEnvSchema.parse(process.env);
}
