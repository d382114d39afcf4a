/** What GET /api/health says about the event index. */
export type IndexHealth = { indexedBlock: number; lagBlocks: number; lastSyncAt: string | null; lastError: string | null };

/** Blocks of lag that count as caught up (a block or two arrive between a sync and a read). */
export const CAUGHT_UP_LAG = 3;

/**
 * What the page should say about the index: nothing when it is caught up, "indexing … block N of M" while it
 * catches up (a cold start, a rebuild after a schema change), or its last error when syncing fails.
 */
export function indexNotice(h: IndexHealth | undefined): { kind: 'indexing'; block: number; head: number } | { kind: 'error'; message: string } | null {
  if (!h) return null;
  if (h.lastError) return { kind: 'error', message: h.lastError };
  if (h.lagBlocks > CAUGHT_UP_LAG) return { kind: 'indexing', block: h.indexedBlock, head: h.indexedBlock + h.lagBlocks };
  return null;
}
