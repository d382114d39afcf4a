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
