import type { PublicClient } from 'viem';
import { getBlock, getBlockNumber, getContractEvents, readContract } from 'viem/actions';
import type { Config } from 'wagmi';
import { getClient } from 'wagmi/actions';

/** What the browser reads the chain with: the reads the app makes, and raw requests (the local chain's clock). */
export type ReadClient = Pick<PublicClient, 'readContract' | 'getBlock' | 'getBlockNumber' | 'getContractEvents' | 'request'>;

const cache = new WeakMap<object, ReadClient>();

/**
 * wagmi's client for the app's chain with only the viem actions the app reads with. wagmi's `getPublicClient` extends
 * the client with every public action (signature verification with its elliptic curve, KZG, ENS and more), which
 * put about 60 KB of compressed script on every page's first load for reads that use four of them. Same transport,
 * so reads still share its batching.
 */
export function getReadClient(config: Config): ReadClient {
  const client = getClient(config);
  if (!client) throw new Error('wagmi has no client for the app’s chain');
  let reader = cache.get(client);
  if (!reader) {
    reader = {
      readContract: (args) => readContract(client, args as never),
      getBlock: (args) => getBlock(client, args as never),
      getBlockNumber: (args) => getBlockNumber(client, args),
      getContractEvents: (args) => getContractEvents(client, args as never),
      request: client.request,
    } as ReadClient;
    cache.set(client, reader);
  }
  return reader;
}
