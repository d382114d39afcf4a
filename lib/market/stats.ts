import type { Coin } from '../format/hashrate';

/**
 * GET /api/market/stats, as the route writes it and its client reads it (bigints as decimal strings). A type, not a
 * zod schema: the client reads it like the other index routes (lib/index/client getJson), and zod stays out of the
 * market page's script.
 */
export type MarketStatsJson = {
  chainTime: string;
  floor: { coin: Coin; pricePerUnitDay: string; tokenId: string }[];
  day: { count: number; volume: string };
  week: { count: number; volume: string };
  live: number;
};

export type MarketStatsView = {
  chainTime: bigint;
  floor: { coin: Coin; pricePerUnitDay: bigint; tokenId: bigint }[];
  day: { count: number; volume: bigint };
  week: { count: number; volume: bigint };
  live: number;
};

export const marketStatsFromJson = (j: MarketStatsJson): MarketStatsView => ({
  chainTime: BigInt(j.chainTime),
  floor: j.floor.map((f) => ({ coin: f.coin, pricePerUnitDay: BigInt(f.pricePerUnitDay), tokenId: BigInt(f.tokenId) })),
  day: { count: j.day.count, volume: BigInt(j.day.volume) },
  week: { count: j.week.count, volume: BigInt(j.week.volume) },
  live: j.live,
});
