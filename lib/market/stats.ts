import { z } from 'zod';
import { COINS, type Coin } from '../format/hashrate';

/** GET /api/market/stats: one schema for the route and its client (bigints as decimal strings). */
export const marketStatsJsonSchema = z.object({
  chainTime: z.string(),
  floor: z.array(z.object({ coin: z.enum(COINS), pricePerUnitDay: z.string(), tokenId: z.string() })),
  day: z.object({ count: z.number(), volume: z.string() }),
  week: z.object({ count: z.number(), volume: z.string() }),
  live: z.number(),
});
export type MarketStatsJson = z.infer<typeof marketStatsJsonSchema>;

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
