import { describe, expect, it } from 'vitest';
import { indexNotice } from './status';

describe('index notice', () => {
  it('says nothing when the index is caught up or unknown', () => {
    expect(indexNotice(undefined)).toBeNull();
    expect(indexNotice({ indexedBlock: 100, lagBlocks: 0, lastSyncAt: null, lastError: null })).toBeNull();
    expect(indexNotice({ indexedBlock: 100, lagBlocks: 3, lastSyncAt: null, lastError: null })).toBeNull();
  });
  it('shows the progress while the index catches up, and the error when syncing fails', () => {
    expect(indexNotice({ indexedBlock: 1200, lagBlocks: 800, lastSyncAt: null, lastError: null })).toEqual({ kind: 'indexing', block: 1200, head: 2000 });
    expect(indexNotice({ indexedBlock: 1200, lagBlocks: 0, lastSyncAt: null, lastError: 'fetch failed' })).toEqual({ kind: 'error', message: 'fetch failed' });
  });
});
