/**
 * What a staker earns, priced at today's Uniswap V2 DMC/USDT pool price (the pair's reserves; DMEX has no other
 * DMC price). Pure bigint math: USDT amounts are base units (6 decimals), DMC 18, rates base units per second.
 */
import { SECONDS_PER_DAY, SECONDS_PER_YEAR } from './schedule';

const DMC_ONE = 10n ** 18n;

/** The pair's reserves sorted into DMC and USDT. */
export type PairReserves = { dmc: bigint; usdt: bigint; lpSupply: bigint };

export function sortReserves(reserve0: bigint, reserve1: bigint, token0: string, dmcAddress: string, lpSupply: bigint): PairReserves {
  const dmcIs0 = token0.toLowerCase() === dmcAddress.toLowerCase();
  return { dmc: dmcIs0 ? reserve0 : reserve1, usdt: dmcIs0 ? reserve1 : reserve0, lpSupply };
}

/** USDT base units per whole DMC at the pool's price (the spot price: reserves' ratio), or null for an empty pool. */
export function dmcPrice(r: PairReserves): bigint | null {
  return spotPrice(r.dmc, r.usdt);
}

/** USDT base units per whole 18-decimal token at a pair's reserves of it and of USDT, or null for an empty pool. */
function spotPrice(token: bigint, usdt: bigint): bigint | null {
  if (token === 0n || usdt === 0n) return null;
  return (usdt * DMC_ONE) / token;
}

/** The USDT value of `lp` LP tokens: their share of both reserves, the DMC side at the pool's price (= 2 × USDT side). */
export function lpValue(lp: bigint, r: PairReserves): bigint {
  if (r.lpSupply === 0n) return 0n;
  return (2n * r.usdt * lp) / r.lpSupply;
}

/** A pool's yearly reward in USDT at `price`. */
export function yearlyRewardValue(ratePerSecond: bigint, price: bigint): bigint {
  return (ratePerSecond * SECONDS_PER_YEAR * price) / DMC_ONE;
}

/**
 * A joint pool dToken pool's APR in basis points at today's prices: the yearly DMC at the DMC/USDT pool's price over
 * the staked dToken valued at the IFIL/USDT pool's price (a dToken is 1 IFIL deposited). Null when nothing is staked
 * or either pool has no price.
 */
export function dtokenAprBps(ratePerSecond: bigint, totalWeight: bigint, dmcUsdt: bigint | null, ifilUsdt: bigint | null): bigint | null {
  if (totalWeight === 0n || dmcUsdt === null || ifilUsdt === null) return null;
  const staked = (totalWeight * ifilUsdt) / DMC_ONE;
  if (staked === 0n) return null;
  return (yearlyRewardValue(ratePerSecond, dmcUsdt) * 10_000n) / staked;
}

/** USDT base units per whole IFIL at the IFIL/USDT pool's reserves, or null for an empty pool. */
export function ifilPrice(reserve0: bigint, reserve1: bigint, token0: string, ifilAddress: string): bigint | null {
  const ifilIs0 = token0.toLowerCase() === ifilAddress.toLowerCase();
  return ifilIs0 ? spotPrice(reserve0, reserve1) : spotPrice(reserve1, reserve0);
}

/** What a pool stakes: hashrate NFTs, the DMC/USDT LP token, DMC, USDT, or a joint pool's dToken (locked in place). */
export type StakeKind = 'nft' | 'lp' | 'dmc' | 'usdt' | 'dtoken';

/**
 * The pool's APR in basis points at today's price: yearly reward value ÷ staked value. Null when nothing is staked
 * (the first staker takes the whole rate) or the pool has no price; NFT pools have no APR (their stake is hashrate,
 * see `perTibPerDay`).
 */
export function aprBps(kind: StakeKind, ratePerSecond: bigint, totalWeight: bigint, r: PairReserves): bigint | null {
  // A dToken is FIL in a joint pool: no USDT price on this pair, its figure is DMC a day per dToken (`perTokenPerDay`).
  if (kind === 'nft' || kind === 'dtoken' || totalWeight === 0n) return null;
  if (kind === 'dmc') return (ratePerSecond * SECONDS_PER_YEAR * 10_000n) / totalWeight; // DMC for DMC: no price needed
  const price = dmcPrice(r);
  if (price === null) return null;
  const staked = kind === 'lp' ? lpValue(totalWeight, r) : totalWeight;
  if (staked === 0n) return null;
  return (yearlyRewardValue(ratePerSecond, price) * 10_000n) / staked;
}

/** DMC a day one whole token (18 decimals) earns in a pool weighted by token units, or the whole rate when empty. */
export function perTokenPerDay(ratePerSecond: bigint, totalWeight: bigint): bigint {
  const day = ratePerSecond * SECONDS_PER_DAY;
  return totalWeight === 0n ? day : (day * 10n ** 18n) / totalWeight;
}

/** DMC a day one TiB earns in the NFT pool (weights are thousandths of a TiB), or the whole rate when it is empty. */
export function perTibPerDay(ratePerSecond: bigint, totalWeight: bigint): bigint {
  const day = ratePerSecond * SECONDS_PER_DAY;
  return totalWeight === 0n ? day : (day * 1000n) / totalWeight;
}

/** DMC a day a stake of `weight` earns now (its share of the pool's rate). */
export function stakeDaily(ratePerSecond: bigint, weight: bigint, totalWeight: bigint): bigint {
  if (totalWeight === 0n || weight === 0n) return 0n;
  return (ratePerSecond * SECONDS_PER_DAY * weight) / totalWeight;
}

/** A pool's pending DMC at `now`: what was read at `readAt` plus the stake's share of the pool's rate since then. */
export function pendingAt(pool: { pending: bigint; ratePerSecond: bigint; staked: bigint; totalWeight: bigint }, readAt: bigint, now: bigint): bigint {
  const elapsed = now > readAt ? now - readAt : 0n;
  return pool.pending + (stakeDaily(pool.ratePerSecond, pool.staked, pool.totalWeight) * elapsed) / SECONDS_PER_DAY;
}

/**
 * Uniswap V2's quote for adding liquidity: the other side at the pool's ratio (router.quote), and the LP tokens
 * minted (pair.mint: min of both sides' shares). For an empty pool the amounts set the price: sqrt(a·b) − 1000.
 */
export function quoteAdd(amountDmc: bigint, r: PairReserves): { usdt: bigint } | null {
  if (r.dmc === 0n || r.usdt === 0n) return null;
  return { usdt: (amountDmc * r.usdt) / r.dmc };
}

export function lpMinted(amountDmc: bigint, amountUsdt: bigint, r: PairReserves): bigint {
  if (r.lpSupply === 0n) return sqrt(amountDmc * amountUsdt) - 1000n;
  const a = (amountDmc * r.lpSupply) / r.dmc;
  const b = (amountUsdt * r.lpSupply) / r.usdt;
  return a < b ? a : b;
}

/** What removing `lp` LP tokens returns (pair.burn: the share of each reserve). */
export function quoteRemove(lp: bigint, r: PairReserves): { dmc: bigint; usdt: bigint } {
  if (r.lpSupply === 0n) return { dmc: 0n, usdt: 0n };
  return { dmc: (lp * r.dmc) / r.lpSupply, usdt: (lp * r.usdt) / r.lpSupply };
}

/** The minimum an amount may come to after `slippageBps` of price movement (the router's amountMin arguments). */
export function withSlippage(amount: bigint, slippageBps: bigint): bigint {
  return (amount * (10_000n - slippageBps)) / 10_000n;
}

/**
 * The share of the pool (percent) the new LP tokens will be. Adding at the pool's ratio swaps nothing, so it does
 * not move the price (no price impact); the minimums bound how far the price may move before it lands.
 */
export function poolShareAfterAdd(minted: bigint, r: PairReserves): number {
  const total = r.lpSupply + minted;
  return total === 0n ? 0 : Number((minted * 1_000_000n) / total) / 10_000;
}

function sqrt(y: bigint): bigint {
  if (y < 4n) return y === 0n ? 0n : 1n;
  let z = y;
  let x = y / 2n + 1n;
  while (x < z) {
    z = x;
    x = (y / x + x) / 2n;
  }
  return z;
}
