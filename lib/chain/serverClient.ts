import 'server-only';
import { createPublicClient, http } from 'viem';
import { serverEnv } from '../serverEnv';
import { appChain } from './chains';

/** A viem client for server code; JSON-RPC batching turns many reads into one HTTP request. */
export function getServerClient() {
  return createPublicClient({
    chain: appChain,
    transport: http(serverEnv().RPC_URL, { batch: { batchSize: 500 }, retryCount: 1 }),
  });
}
