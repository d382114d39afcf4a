import 'server-only';
import type { PublicClient } from 'viem';
import { getServerClient } from '../chain/serverClient';
import { productHealth, type ProductHealth } from './health';
import { readProductRecord } from './read';

/**
 * Product health for the API, read from the chain (the same reads as the item page's record) and shared by every
 * request of this server process. An entry is reused while the chain has not moved on (same latest block) and for
 * at most MAX_AGE_MS; a burst of requests for one product shares one read.
 */
const MAX_AGE_MS = 15_000;
const KEY = Symbol.for('dmex.productHealth');
type Entry = { block: bigint; at: number; value: Promise<ProductHealth> };
type Holder = { [KEY]?: Map<string, Entry> };

function cache(): Map<string, Entry> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}

export async function readProductHealths(ids: bigint[], client: PublicClient = getServerClient() as PublicClient): Promise<ProductHealth[]> {
  const block = await client.getBlockNumber({ cacheTime: 0 });
  const entries = cache();
  const now = Date.now();
  return Promise.all(
    ids.map((id) => {
      const key = id.toString();
      const hit = entries.get(key);
      if (hit && hit.block === block && now - hit.at < MAX_AGE_MS) return hit.value;
      const value = readProductRecord(client, id).then(productHealth);
      value.catch(() => entries.delete(key));
      entries.set(key, { block, at: now, value });
      return value;
    }),
  );
}
