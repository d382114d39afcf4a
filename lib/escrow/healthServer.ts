import 'server-only';
import type { PublicClient } from 'viem';
import { getServerClient } from '../chain/serverClient';
import { productHealth, type ProductHealth } from './health';
import { readProductRecord, type ProductRecord } from './read';

/**
 * Product records (the item page's miner record) and the health marks derived from them, read from the chain and
 * shared by every request of this server process. An entry is reused while the chain has not moved on (same latest
 * block) and for at most MAX_AGE_MS; a burst of requests for one product shares one read.
 */
const MAX_AGE_MS = 15_000;
const KEY = Symbol.for('dmex.productRecord');
type Entry = { block: bigint; at: number; value: Promise<ProductRecord> };
type Holder = { [KEY]?: Map<string, Entry> };

function cache(): Map<string, Entry> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}

/** A product's record as this server last read it, and when that read started (ms since the epoch). */
export type ServerRecord = { record: ProductRecord; readAt: number };

export async function readProductRecords(ids: bigint[], client: PublicClient = getServerClient() as PublicClient): Promise<ServerRecord[]> {
  const block = await client.getBlockNumber({ cacheTime: 0 });
  const entries = cache();
  const now = Date.now();
  return Promise.all(
    ids.map(async (id) => {
      const key = id.toString();
      let entry = entries.get(key);
      if (!entry || entry.block !== block || now - entry.at >= MAX_AGE_MS) {
        const value = readProductRecord(client, id);
        value.catch(() => entries.delete(key));
        entry = { block, at: now, value };
        entries.set(key, entry);
      }
      return { record: await entry.value, readAt: entry.at };
    }),
  );
}

export async function readProductHealths(ids: bigint[], client?: PublicClient): Promise<ProductHealth[]> {
  return (await readProductRecords(ids, client)).map(({ record }) => productHealth(record));
}
