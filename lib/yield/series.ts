/**
 * Daily yield series for the portfolio's chart and CSV: what each NFT earned per UTC day, from the amounts
 * deposited per product and day. An NFT earns `deposited × its hashrate ÷ the product's hashrate`
 * (the distributor's per-unit accumulator, without its rounding remainder).
 */
export const DAY = 86_400n;

export type DayDeposit = { productId: bigint; day: bigint; amount: bigint };
export type HeldToken = { tokenId: bigint; productId: bigint; hashrate: bigint; productUnits: bigint };
export type DailyPoint = { day: bigint; total: bigint; byToken: Map<bigint, bigint> };

/** The last `days` UTC days up to and including `today`, each with every token's share of that day's deposits. */
export function dailyYield(deposits: DayDeposit[], tokens: HeldToken[], today: bigint, days: number): DailyPoint[] {
  const first = today - BigInt(days) + 1n;
  const byProductDay = new Map<string, bigint>();
  for (const d of deposits) {
    if (d.day < first || d.day > today) continue;
    const k = `${d.productId}:${d.day}`;
    byProductDay.set(k, (byProductDay.get(k) ?? 0n) + d.amount);
  }
  const out: DailyPoint[] = [];
  for (let day = first; day <= today; day++) {
    const byToken = new Map<bigint, bigint>();
    let total = 0n;
    for (const t of tokens) {
      const deposited = byProductDay.get(`${t.productId}:${day}`) ?? 0n;
      const share = t.productUnits === 0n ? 0n : (deposited * t.hashrate) / t.productUnits;
      byToken.set(t.tokenId, share);
      total += share;
    }
    out.push({ day, total, byToken });
  }
  return out;
}

/**
 * Projected yield of a token over `[from, to)` days at the product's expected daily yield per whole unit
 * (hashrate in thousandths of a unit, as on-chain).
 */
export function projectedYield(expectedDailyYieldPerUnit: bigint, hashrate: bigint, days: bigint): bigint {
  return days <= 0n ? 0n : (expectedDailyYieldPerUnit * hashrate * days) / 1000n;
}

/** Realized against projected, in percent with one decimal (null when nothing was projected). */
export function realizedPercent(realized: bigint, projected: bigint): number | null {
  if (projected === 0n) return null;
  return Number((realized * 1000n) / projected) / 10;
}

/**
 * Return on the purchase price in percent: `yieldValue` (yield-token base units, `yieldDecimals`) at
 * `pricePerCoin` (payment base units per whole coin) against `cost` (payment base units).
 */
export function returnPercent(yieldAmount: bigint, yieldDecimals: number, pricePerCoin: bigint, cost: bigint): number | null {
  if (cost === 0n) return null;
  const value = (yieldAmount * pricePerCoin) / 10n ** BigInt(yieldDecimals);
  return Number((value * 10_000n) / cost) / 100;
}

/** RFC 4180 CSV of the daily series: date (UTC), then one column per token, then the total — in whole coins. */
export function dailyYieldCsv(points: DailyPoint[], tokenIds: bigint[], format: (v: bigint) => string, symbol: string): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = ['date_utc', ...tokenIds.map((id) => `nft_${id}_${symbol}`), `total_${symbol}`];
  const rows = points.map((p) => [
    new Date(Number(p.day * DAY) * 1000).toISOString().slice(0, 10),
    ...tokenIds.map((id) => format(p.byToken.get(id) ?? 0n)),
    format(p.total),
  ]);
  return [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}
