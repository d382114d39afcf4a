import { describe, expect, it } from 'vitest';
import { nextRangeSize, RANGE_GROWTH, TARGET_LOGS_PER_RANGE } from './indexer';
import { indexedTopics } from './events';
import { toEventSelector } from 'viem';

describe('the index’s eth_getLogs ranges', () => {
  it('scale the next range to the target number of logs, between one block and the configured length', () => {
    expect(nextRangeSize(2_000, 0, 2_000)).toBe(2_000); // an empty stretch: the longest range
    expect(nextRangeSize(2_000, 100, 2_000)).toBe(2_000); // sparse: never longer than configured
    expect(nextRangeSize(600, TARGET_LOGS_PER_RANGE * 3, 2_000)).toBe(200); // dense: a third as long
    expect(nextRangeSize(1, TARGET_LOGS_PER_RANGE * 10, 2_000)).toBe(1); // one block over the target: still one block
  });

  it('grow at most RANGE_GROWTH times per range, so a sparse stretch does not send one range over a dense one', () => {
    // 242,427 logs in 996 blocks (the issue-scale bench) read after a first range of 100 empty blocks: jumping
    // straight to 2,000 blocks asked for every log at once, an answer over the client's limit that was built,
    // sent and refused before the range was halved, again and again.
    expect(nextRangeSize(100, 0, 2_000)).toBe(100 * RANGE_GROWTH);
    expect(nextRangeSize(100, 10, 2_000)).toBe(100 * RANGE_GROWTH);
    expect(nextRangeSize(1_000, 0, 2_000)).toBe(2_000);
    expect(nextRangeSize(100, TARGET_LOGS_PER_RANGE, 2_000)).toBe(100); // at the target: the same length
  });

  it('ask only for the events the index reads, of the contracts it indexes', () => {
    const market = '0x0000000000000000000000000000000000000001' as const;
    const topics = indexedTopics({ market });
    expect(topics).toContain(toEventSelector('event Listed(uint256 indexed tokenId, address indexed seller, uint256 price)'));
    expect(topics).not.toContain(toEventSelector('event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)')); // the NFT's
    expect(indexedTopics({ market, nft: market })).toContain(toEventSelector('event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)'));
  });
});
