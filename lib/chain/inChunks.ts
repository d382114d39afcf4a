/** Reads sent at once: the RPC proxy takes at most 100 calls per JSON-RPC batch. */
const CHUNK = 40;

/** Runs `fn` over `items` at most CHUNK at a time, keeping the order. */
export async function inChunks<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await Promise.all(items.slice(i, i + CHUNK).map(fn))));
  return out;
}
