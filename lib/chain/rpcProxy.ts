import { z } from 'zod';

/**
 * Methods the public proxy forwards on any chain: reads, gas and already-signed transactions. Not eth_getLogs:
 * history comes from the index's API routes, so no page scans the chain (nodes cap log ranges, and a scan from the
 * deployment block grows with every block).
 */
const READ_METHODS = new Set([
  'eth_chainId', 'net_version', 'eth_blockNumber', 'eth_call', 'eth_estimateGas', 'eth_gasPrice',
  'eth_maxPriorityFeePerGas', 'eth_feeHistory', 'eth_getBalance', 'eth_getBlockByNumber', 'eth_getBlockByHash',
  'eth_getCode', 'eth_getStorageAt', 'eth_getTransactionByHash', 'eth_getTransactionCount',
  'eth_getTransactionReceipt', 'eth_sendRawTransaction', 'eth_accounts',
]);
/**
 * Added on the local chain only: anvil signs for its unlocked accounts (the dev wallet), and the dev time
 * control moves chain time forward (votes, timelock delays and daily yield need days to pass).
 */
const LOCAL_METHODS = new Set([
  'eth_sendTransaction', 'eth_sign', 'personal_sign', 'eth_signTypedData_v4', 'evm_increaseTime', 'evm_mine',
]);

export const MAX_BATCH = 100;
export const MAX_BODY_BYTES = 256 * 1024;

const callSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.number(), z.string(), z.null()]).optional(),
  method: z.string().max(64),
  params: z.unknown().optional(),
});
export const rpcBodySchema = z.union([callSchema, z.array(callSchema).min(1).max(MAX_BATCH)]);

/** The first method in a request the proxy will not forward, or null when all are allowed. */
export function disallowedMethod(body: z.infer<typeof rpcBodySchema>, local: boolean): string | null {
  for (const call of Array.isArray(body) ? body : [body]) {
    if (!READ_METHODS.has(call.method) && !(local && LOCAL_METHODS.has(call.method))) return call.method;
  }
  return null;
}

/**
 * A token bucket per client (its address as the proxy sees it): each JSON-RPC call takes one token; tokens come
 * back at `perSecond`, up to `burst`. Keeps one client's polling loop or script from starving the node for all.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `calls` tokens for `client`; false (and nothing taken) when the bucket does not hold that many. */
  take(client: string, calls: number): boolean {
    const t = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.buckets.set(client, b);
    if (this.buckets.size > 10_000) this.prune(t);
    if (b.tokens < calls) return false;
    b.tokens -= calls;
    return true;
  }

  /** Forgets clients whose bucket is full again (they are as if new). */
  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
  }
}

/** The client a request comes from: the first address of X-Forwarded-For (set by the reverse proxy), else "direct". */
export function clientKey(forwardedFor: string | null): string {
  return forwardedFor?.split(',')[0]?.trim() || 'direct';
}
