// GET /api/treasury/history: its JSON shape (bigints as decimal strings), shared by the route and the browser.
import { z } from 'zod';
import type { BuybackRecord, RevenueMonth, TreasuryHistory } from './read';

const big = z.string().regex(/^\d+$/).transform((s) => BigInt(s));
const bySource = z.object({ other: big, market: big, loans: big, pools: big });

export const treasuryHistorySchema = z.object({
  months: z.array(
    z.object({ month: z.number(), start: z.number(), bySource, total: big, toBuyback: big.optional(), toTreasury: big.optional(), ifil: big }),
  ),
  buybacks: z.array(
    z.object({
      blockNumber: big,
      txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/).transform((s) => s as `0x${string}`),
      time: z.number(),
      paid: big,
      bought: big,
      burned: big,
      referenceOut: big,
      supplyAfter: big.nullable(),
    }),
  ),
});

const str = (v: bigint) => v.toString();

export function encodeTreasuryHistory(h: TreasuryHistory) {
  return {
    months: h.months.map((m: RevenueMonth) => ({
      month: m.month,
      start: m.start,
      bySource: { other: str(m.bySource.other), market: str(m.bySource.market), loans: str(m.bySource.loans), pools: str(m.bySource.pools) },
      total: str(m.total),
      ifil: str(m.ifil),
      ...(m.toBuyback === undefined ? {} : { toBuyback: str(m.toBuyback) }),
      ...(m.toTreasury === undefined ? {} : { toTreasury: str(m.toTreasury) }),
    })),
    buybacks: h.buybacks.map((b: BuybackRecord) => ({
      blockNumber: str(b.blockNumber),
      txHash: b.txHash,
      time: b.time,
      paid: str(b.paid),
      bought: str(b.bought),
      burned: str(b.burned),
      referenceOut: str(b.referenceOut),
      supplyAfter: b.supplyAfter === null ? null : str(b.supplyAfter),
    })),
  };
}

export const decodeTreasuryHistory = (json: unknown): TreasuryHistory => treasuryHistorySchema.parse(json);
