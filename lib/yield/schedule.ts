/**
 * The yield calendar of a product as YieldDistributor enforces it, for the miner's "Pay yield" card and the
 * portfolio's projection. Days are UTC unix days (timestamp / 86400). A product's yield days run from its term
 * start day to the day before its term end; a day can be paid once it has begun (today or earlier).
 */
import type { Coin } from '../format/hashrate';
import { DAY } from './series';

export type DayWindow = {
  /** The term start's day: the first day that can be paid. */
  firstDay: bigint;
  /** The last day of the term (termEnd / 86400 - 1). */
  lastDay: bigint;
  /** Today, in chain time. */
  today: bigint;
  /** The latest day that can be paid now, min(today, lastDay); null before the term starts. */
  latest: bigint | null;
};

export const dayOf = (seconds: bigint): bigint => seconds / DAY;

/** The product's payable days at chain time `now` (the rule of YieldDistributor.deposit). */
export function dayWindow(termStart: bigint, termEnd: bigint, now: bigint): DayWindow {
  const firstDay = dayOf(termStart);
  const lastDay = dayOf(termEnd) - 1n;
  const today = dayOf(now);
  const latest = today < lastDay ? today : lastDay;
  return { firstDay, lastDay, today, latest: latest < firstDay ? null : latest };
}

/** Days of the term that are due so far: the term start day through today (capped at the term). */
export function daysDue(w: DayWindow): bigint {
  return w.latest === null ? 0n : w.latest - w.firstDay + 1n;
}

/** A product's expected yield for one day: expected yield per whole unit × NFTs × hashrate per NFT (thousandths). */
export function expectedDayAmount(expectedDailyYieldPerUnit: bigint, nftCount: number | bigint, hashratePerNFT: bigint): bigint {
  return (expectedDailyYieldPerUnit * BigInt(nftCount) * hashratePerNFT) / 1000n;
}

/**
 * The days a miner may pick in the day picker, newest first: the latest payable day (today while the term runs,
 * whether or not it was paid: several deposits for a day add up), then every earlier day nothing was paid for,
 * at most `max` in all.
 */
export function payableDays(w: DayWindow, paid: ReadonlySet<bigint>, max = 120): bigint[] {
  if (w.latest === null) return [];
  const out = [w.latest];
  for (let d = w.latest - 1n; d >= w.firstDay && out.length < max; d--) if (!paid.has(d)) out.push(d);
  return out;
}

export type Obligations = {
  /** Days of the term after today. */
  daysLeft: bigint;
  /** Days of the whole term nothing was paid for yet (past, today and future). */
  unpaidDays: bigint;
  /** Of those, days that have already begun. */
  overdueDays: bigint;
  /** unpaidDays × the expected amount for one day. */
  expectedToPay: bigint;
};

/** What the miner still owes over the term, at the expected daily amount. */
export function obligations(w: DayWindow, paid: ReadonlySet<bigint>, expectedPerDay: bigint): Obligations {
  let paidInTerm = 0n;
  let paidDue = 0n;
  for (const d of paid) {
    if (d < w.firstDay || d > w.lastDay) continue;
    paidInTerm++;
    if (w.latest !== null && d <= w.latest) paidDue++;
  }
  const termLength = w.lastDay - w.firstDay + 1n;
  const unpaidDays = termLength - paidInTerm;
  const daysLeft = w.today >= w.lastDay ? 0n : w.today < w.firstDay ? termLength : w.lastDay - w.today;
  return { daysLeft, unpaidDays, overdueDays: daysDue(w) - paidDue, expectedToPay: unpaidDays * expectedPerDay };
}

export type ClaimItem = { tokenId: bigint; coin: Coin; claimable: bigint };
export type ClaimGroup = { coin: Coin; tokenIds: bigint[]; total: bigint };

/**
 * "Claim all" as transactions: one per yield token (the distributor refuses to mix IFIL and wrapped BTC in one
 * claim), only tokens with something to claim, sorted by id so a product's tokens are contiguous (the contract
 * reads each product once per run of its tokens).
 */
export function claimGroups(items: ClaimItem[]): ClaimGroup[] {
  const groups = new Map<Coin, ClaimGroup>();
  for (const it of items) {
    if (it.claimable <= 0n) continue;
    const g = groups.get(it.coin) ?? { coin: it.coin, tokenIds: [], total: 0n };
    g.tokenIds.push(it.tokenId);
    g.total += it.claimable;
    groups.set(it.coin, g);
  }
  const out = [...groups.values()];
  for (const g of out) g.tokenIds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out.sort((a, b) => (a.coin < b.coin ? 1 : -1)); // FIL first
}

/** Midnight UTC of a day, in unix seconds (for LocalDate and CSV). */
export const dayStart = (day: bigint): bigint => day * DAY;
