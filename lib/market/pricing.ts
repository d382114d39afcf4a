import { DAY_SECONDS } from '../format/time';

/**
 * Price per whole hashrate unit per day of the term left, in the payment token's base units.
 * `hashratePerNFT` is in thousandths of the unit. Returns 0 when no term is left.
 * Example: 11.90 USDT for 4 TiB over 360 days → 8263 base units (0.008263 USDT per TiB per day).
 */
export function pricePerUnitDay(price: bigint, hashratePerNFT: bigint, termStart: bigint, termEnd: bigint, now: bigint): bigint {
  const from = now > termStart ? now : termStart;
  if (termEnd <= from || hashratePerNFT === 0n) return 0n;
  const secondsLeft = termEnd - from;
  return (price * 1000n * DAY_SECONDS) / (hashratePerNFT * secondsLeft);
}

/**
 * Expected yield over the term left, in the yield token's base units, at the product's expected daily
 * yield per whole unit.
 */
export function expectedYieldLeft(
  expectedDailyYieldPerUnit: bigint,
  hashratePerNFT: bigint,
  termStart: bigint,
  termEnd: bigint,
  now: bigint,
): bigint {
  const from = now > termStart ? now : termStart;
  if (termEnd <= from) return 0n;
  return (expectedDailyYieldPerUnit * hashratePerNFT * (termEnd - from)) / (1000n * DAY_SECONDS);
}

/**
 * What a purchase is expected to earn in the payment token: `yieldLeft` (the yield token's base units, with
 * `yieldDecimals`) at `coinPrice` (payment base units per whole coin), the net against the `price` paid, and that
 * net as a simple annual rate over the `secondsLeft` of the term, in basis points (null without a price or a
 * term left). All rounded toward zero.
 */
export function expectedEarnings(
  yieldLeft: bigint,
  yieldDecimals: number,
  coinPrice: bigint,
  price: bigint,
  secondsLeft: bigint,
): { value: bigint; net: bigint; annualBps: bigint | null } {
  const value = (yieldLeft * coinPrice) / 10n ** BigInt(yieldDecimals);
  const net = value - price;
  const annualBps = price > 0n && secondsLeft > 0n ? (net * 10_000n * 365n * DAY_SECONDS) / (price * secondsLeft) : null;
  return { value, net, annualBps };
}

/** {@link expectedEarnings} of buying an NFT of `p` for `price` at chain time `now`: its yield over the term left
 * (18-decimal IFIL for a FIL product) at `coinPrice`, over the seconds of term left. */
export function productEarnings(
  p: { expectedDailyYieldPerUnit: bigint; hashratePerNFT: bigint; termStart: bigint; termEnd: bigint },
  now: bigint,
  yieldDecimals: number,
  coinPrice: bigint,
  price: bigint,
) {
  const from = now > p.termStart ? now : p.termStart;
  const secondsLeft = p.termEnd > from ? p.termEnd - from : 0n;
  return expectedEarnings(expectedYieldLeft(p.expectedDailyYieldPerUnit, p.hashratePerNFT, p.termStart, p.termEnd, now), yieldDecimals, coinPrice, price, secondsLeft);
}
