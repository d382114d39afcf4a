/**
 * A product's health in one mark, for listing cards and the item page's header: what a buyer must know about the
 * miner before paying. Derived from the same chain reads as the item page's miner record (`readProductRecord`),
 * so the mark and the record below it cannot disagree.
 */
import type { ProductRecord } from './read';

/**
 * Worst first:
 * - `defaulted`: the flag was finalized (the stake slashed); holders claim refunds and insurance.
 * - `halted`: the escrow is halted (a flag is pending its challenge period, or the DAO halted it).
 * - `missed`: nothing was paid on a day of the last 7 complete days (or the guard finds the window missed).
 * - `short`: a day of the last 7 was paid below the oracle threshold (or the guard finds the window short).
 * - `paying`: every day of the last 7 that was due was paid in full.
 * - `upcoming`: no day of the term is complete yet: nothing was due.
 */
export const HEALTH_KINDS = ['defaulted', 'halted', 'missed', 'short', 'paying', 'upcoming'] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

export type ProductHealth = {
  productId: bigint;
  kind: HealthKind;
  /** Complete days of the term so far (at most the latest 365) paid on time, and how many were due. */
  paidDays: number;
  dueDays: number;
  /** True when DefaultGuard.check finds the latest window in default now: anyone can flag the product. */
  flaggable: boolean;
  /** When a pending flag's challenge period ends (unix seconds), 0 when none is pending. */
  challengeEndsAt: bigint;
};

/** The mark of a product from its record. */
export function productHealth(r: Pick<ProductRecord, 'product' | 'record' | 'window' | 'halted' | 'check' | 'application' | 'challengeEndsAt'>): ProductHealth {
  const status = r.application?.status ?? null;
  const flaggable = r.check.inDefault;
  let kind: HealthKind;
  if (status === 'Defaulted' || status === 'Slashed') kind = 'defaulted';
  else if (r.halted || status === 'Flagged') kind = 'halted';
  else if (r.check.inDefault) kind = r.check.reason === 'Missed' ? 'missed' : 'short';
  else if (r.window.some((d) => d.kind === 'missing')) kind = 'missed';
  else if (r.window.some((d) => d.kind === 'short')) kind = 'short';
  else if (r.record.days === 0) kind = 'upcoming';
  else kind = 'paying';
  return {
    productId: r.product.productId,
    kind,
    paidDays: r.record.onTime,
    dueDays: r.record.days,
    flaggable,
    challengeEndsAt: r.challengeEndsAt,
  };
}

/** Whether a buyer filtering on "only miners paying in full" sees the product: nothing due yet, or all paid. */
export const isPayingInFull = (h: Pick<ProductHealth, 'kind'>) => h.kind === 'paying' || h.kind === 'upcoming';


/**
 * GET /api/products/health, as the route writes it and its client reads it. A type, not a zod schema: the client
 * reads it like the other index routes (lib/index/client getJson), and zod stays out of the pages' scripts (the
 * route's query schema is in ./healthQuery).
 */
export type ProductHealthJson = {
  productId: string;
  kind: HealthKind;
  paidDays: number;
  dueDays: number;
  flaggable: boolean;
  challengeEndsAt: string;
};
export type ProductHealthResponse = { items: ProductHealthJson[] };

export const healthToJson = (h: ProductHealth): ProductHealthJson => ({
  productId: h.productId.toString(),
  kind: h.kind,
  paidDays: h.paidDays,
  dueDays: h.dueDays,
  flaggable: h.flaggable,
  challengeEndsAt: h.challengeEndsAt.toString(),
});

export const healthFromJson = (j: ProductHealthJson): ProductHealth => ({
  productId: BigInt(j.productId),
  kind: j.kind,
  paidDays: j.paidDays,
  dueDays: j.dueDays,
  flaggable: j.flaggable,
  challengeEndsAt: BigInt(j.challengeEndsAt),
});
