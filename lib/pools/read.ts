// Joint mining pools (one per miner, opened by a DAO vote): their state, the account's position and the last 30
// days of yield, read at one block (single calls, no log scans).
import type { MessageKey } from '@/lib/i18n/messages/en';
import { erc20Abi, type Address, type PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { jointPoolAbi } from '../../contracts-abi/JointPool.gen';
import { jointPoolFactoryAbi } from '../../contracts-abi/JointPoolFactory.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { poolGuardAbi } from '../../contracts-abi/PoolGuard.gen';
import { REGISTRY_STATUSES } from '../escrow/read';

export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'>;

export const REDEEM_FEE_BPS = 20n;
export const TERM_SECONDS = 540n * 86_400n;
const BPS = 10_000n;
/** The holders' share of each day's yield: 75% (20% goes back to the miner, 5% to the platform). */
export const HOLDERS_BPS = 7_500n;
export const CHART_DAYS = 30;

export type PoolPhase = 'genesis' | 'growth' | 'ended';
/** JointPool.Status: Active; Halted (flagged, in its challenge period); Defaulted. */
export type PoolStatus = 'active' | 'halted' | 'defaulted';
export const POOL_STATUSES: readonly PoolStatus[] = ['active', 'halted', 'defaulted'];
/** PoolGuard.WINDOW_DAYS: a window is 7 complete UTC days. */
export const WINDOW_DAYS = 7n;
/** How many of the latest windows the page checks for a default (each starts one day earlier). */
const WINDOWS_CHECKED = 7n;

/** A window as PoolGuard.windowOf computes it: what the miner paid into the pool against what it owed. */
export type PoolWindow = {
  start: bigint;
  length: bigint;
  paid: bigint;
  owed: bigint;
  missed: boolean;
  short: boolean;
  /** Per day: paid, the oracle value per TiB used, and where that value came from. */
  days: { day: bigint; paid: bigint; value: bigint; source: 'oracle' | 'carried' | 'none' }[];
};

/** The default rules applied to the pool now (null before the first deposit). */
export type PoolGuardView = {
  /** The first day a window may start (the day after the first deposit, or of the DAO's last overturn). */
  earliestStart: bigint;
  /** Active: the first window in default among the latest ones, else the latest window (null while none is complete).
   * Halted: the window the flag named. */
  window: PoolWindow | null;
  /** Active and `window` is in default: anyone may flag it now. */
  flaggable: boolean;
  /** Halted: when the flag can be finalized (unix seconds). */
  challengeEndsAt: bigint;
};

export type PoolPosition = {
  dToken: bigint;
  /** The part of `dToken` staked in DMC mining, locked in place (it cannot be redeemed or moved until unstaked). */
  locked: bigint;
  pendingYield: bigint;
  collateral: bigint;
  shareSeconds: bigint;
  ifil: bigint;
  allowance: bigint;
};

export type JointPoolView = {
  address: Address;
  miner: Address;
  symbol: string;
  powerMilliTiB: bigint;
  cap: bigint;
  deposited: bigint;
  liquid: bigint;
  drawn: bigint;
  returned: bigint;
  collateralClaimed: bigint;
  supply: bigint;
  growthStart: bigint;
  termEnd: bigint;
  yieldPaid: bigint;
  yieldUnpaid: bigint;
  platformFees: bigint;
  totalShareSeconds: bigint;
  phase: PoolPhase;
  status: PoolStatus;
  firstDepositAt: bigint;
  guard: PoolGuardView | null;
  /** Insurance payouts opened for this pool (a defaulted pool's holders are paid first), oldest first. */
  payouts: PoolPayout[];
  /**
   * A Defaulted pool's miner's stakes that a vote can still slash for the pool's holders (its applications Active or
   * Flagged), each with its DMC; empty for any other pool.
   */
  minerStakes: { id: bigint; stake: bigint }[];
  /** Yield paid per UTC day, oldest first, the last CHART_DAYS days to today. */
  days: { day: bigint; amount: bigint }[];
  position: PoolPosition | null;
};

/** An insurance payout for a defaulted pool (PoolGuard.openPayout), with what the account can claim. */
export type PoolPayout = {
  id: bigint;
  token: Address;
  symbol: string;
  decimals: number;
  amount: bigint;
  claimed: bigint;
  closed: boolean;
  /** The account's share still to claim (0 once claimed; null without an account). */
  claimable: bigint | null;
};

export type PoolsState = { now: bigint; today: bigint; account: Address | null; pools: JointPoolView[] };

/**
 * The pool's phase. A defaulted pool's mining period ended at its default (in genesis, the contract makes one of one
 * second), so it reads as ended even in the second it defaulted, when `termEnd` is still a second away.
 */
export function phaseOf(growthStart: bigint, termEnd: bigint, now: bigint, status: PoolStatus = 'active'): PoolPhase {
  if (status === 'defaulted') return 'ended';
  if (growthStart === 0n) return 'genesis';
  return now >= termEnd ? 'ended' : 'growth';
}

/** The sentence under a pool's badges: a halted or defaulted pool's status decides what a holder may do (redeem
 * with no fee), not its phase. */
export function phaseNoteKey(pool: Pick<JointPoolView, 'phase' | 'status'>): MessageKey {
  return pool.status === 'active' ? `pools.phase.${pool.phase}Note` : `pools.status.${pool.status}Note`;
}

/** What `redeem(shares)` pays: its share of the liquid principal plus all the holder's yield, less 0.2% (no fee
 * once the pool is halted or defaulted). */
export function redeemPreview(p: Pick<JointPoolView, 'liquid' | 'supply' | 'yieldUnpaid'> & { status?: PoolStatus }, shares: bigint, pendingYield: bigint) {
  const principal = p.supply === 0n ? 0n : shares === p.supply ? p.liquid : (p.liquid * shares) / p.supply;
  const yieldPart = pendingYield > p.yieldUnpaid ? p.yieldUnpaid : pendingYield;
  const gross = principal + yieldPart;
  const fee = p.status === undefined || p.status === 'active' ? (gross * REDEEM_FEE_BPS) / BPS : 0n;
  return { principal, yield: yieldPart, fee, paid: gross - fee };
}

/** The holders' yield over the last 7 days with a payment, as an annual rate on the principal deposited, in
 * basis points (null with no principal or no payment in the last 7 days). */
export function annualRateBps(p: Pick<JointPoolView, 'days' | 'deposited'>): { perDay: bigint; bps: bigint } | null {
  const week = p.days.slice(-7);
  const total = week.reduce((s, d) => s + d.amount, 0n);
  if (total === 0n || p.deposited === 0n) return null;
  const perDay = (total * HOLDERS_BPS) / BPS / BigInt(week.length);
  return { perDay, bps: (perDay * 365n * BPS) / p.deposited };
}

/** Every joint pool, and the account's position in each. */
export async function readPools(client: Reader, account?: Address): Promise<PoolsState> {
  const d = getDeployment();
  const factory = { address: d.JointPoolFactory, abi: jointPoolFactoryAbi } as const;
  const block = await client.getBlock();
  const at = { blockNumber: block.number } as const;
  const now = block.timestamp;
  const today = now / 86_400n;
  const [miners, payouts] = await Promise.all([client.readContract({ ...factory, functionName: 'miners', ...at }), readPayouts(client, at)]);
  const pools = await Promise.all(
    miners.map(async (miner): Promise<JointPoolView> => {
      const [address, powerMilliTiB] = await Promise.all([
        client.readContract({ ...factory, functionName: 'poolOf', args: [miner], ...at }),
        client.readContract({ ...factory, functionName: 'powerOf', args: [miner], ...at }),
      ]);
      const pool = { address, abi: jointPoolAbi } as const;
      const dayNumbers = Array.from({ length: CHART_DAYS }, (_, i) => today - BigInt(CHART_DAYS - 1 - i));
      const state = client.readContract({ ...pool, functionName: 'state', ...at });
      const [s, symbol, totalShareSeconds, amounts, position, guardView] = await Promise.all([
        state,
        client.readContract({ ...pool, functionName: 'symbol', ...at }),
        client.readContract({ ...pool, functionName: 'totalShareSeconds', ...at }),
        Promise.all(dayNumbers.map((day) => client.readContract({ ...pool, functionName: 'yieldOn', args: [day], ...at }))),
        account
          ? Promise.all([
              client.readContract({ ...pool, functionName: 'balanceOf', args: [account], ...at }),
              client.readContract({ ...pool, functionName: 'pendingYield', args: [account], ...at }),
              client.readContract({ ...pool, functionName: 'collateralOf', args: [account], ...at }),
              client.readContract({ ...pool, functionName: 'shareSecondsOf', args: [account], ...at }),
              client.readContract({ address: d.IFIL, abi: erc20Abi, functionName: 'balanceOf', args: [account], ...at }),
              client.readContract({ address: d.IFIL, abi: erc20Abi, functionName: 'allowance', args: [account, address], ...at }),
              client.readContract({ ...pool, functionName: 'lockedOf', args: [account], ...at }),
            ]).then(([dToken, pendingYield, collateral, shareSeconds, ifil, allowance, locked]): PoolPosition => ({ dToken, locked, pendingYield, collateral, shareSeconds, ifil, allowance }))
          : Promise.resolve(null),
        state.then((st) => readGuard(client, address, POOL_STATUSES[st.status] ?? 'active', st.firstDepositAt, at)),
      ]);
      const mine = payouts.filter((po) => po.pool.toLowerCase() === address.toLowerCase());
      const status = POOL_STATUSES[s.status] ?? 'active';
      const minerStakes = status === 'defaulted' ? await readSlashableStakes(client, miner, at) : [];
      const claimable = account
        ? await Promise.all(mine.map((po) => client.readContract({ address: d.PoolGuard, abi: poolGuardAbi, functionName: 'claimablePayout', args: [po.id, account], ...at })))
        : null;
      return {
        address,
        miner,
        symbol,
        powerMilliTiB,
        cap: s.cap,
        deposited: s.deposited,
        liquid: s.liquid,
        drawn: s.drawn,
        returned: s.returned,
        collateralClaimed: s.collateralClaimed,
        supply: s.supply,
        growthStart: s.growthStart,
        termEnd: s.termEnd,
        yieldPaid: s.yieldPaid,
        yieldUnpaid: s.yieldUnpaid,
        platformFees: s.platformFees,
        totalShareSeconds,
        phase: phaseOf(s.growthStart, s.termEnd, now, status),
        status,
        firstDepositAt: s.firstDepositAt,
        guard: guardView,
        payouts: mine.map(({ pool: _pool, ...po }, i) => ({ ...po, claimable: claimable ? claimable[i]! : null })),
        minerStakes,
        days: dayNumbers.map((day, i) => ({ day, amount: amounts[i]! })),
        position,
      };
    }),
  );
  return { now, today, account: account ?? null, pools };
}

/** The registry's statuses a governance slash accepts. */
const SLASHABLE: ReadonlySet<string> = new Set<(typeof REGISTRY_STATUSES)[number]>(['Active', 'Flagged']);

/** `miner`'s application stakes a vote can slash (see `minerStakes`). */
async function readSlashableStakes(client: Reader, miner: Address, at: { blockNumber: bigint }): Promise<{ id: bigint; stake: bigint }[]> {
  const registry = { address: getDeployment().MinerRegistry, abi: minerRegistryAbi } as const;
  const ids = await client.readContract({ ...registry, functionName: 'applicationsOf', args: [miner], ...at });
  const apps = await Promise.all(ids.map((id) => client.readContract({ ...registry, functionName: 'application', args: [id], ...at })));
  return ids.map((id, i) => ({ id, app: apps[i]! })).filter(({ app }) => SLASHABLE.has(REGISTRY_STATUSES[app.status] ?? '') && app.requiredStake > 0n).map(({ id, app }) => ({ id, stake: app.requiredStake }));
}

const SOURCES = ['oracle', 'carried', 'none'] as const;

/** The guard's view of one pool (its status and first deposit from the pool's state): the challenge while halted;
 * else the latest windows, the first in default first. */
async function readGuard(client: Reader, pool: Address, status: PoolStatus, firstDepositAt: bigint, at: { blockNumber: bigint }): Promise<PoolGuardView | null> {
  const guard = { address: getDeployment().PoolGuard, abi: poolGuardAbi } as const;
  if (firstDepositAt === 0n || status === 'defaulted') return null;
  const windowOf = async (start: bigint): Promise<PoolWindow> => {
    const w = await client.readContract({ ...guard, functionName: 'windowOf', args: [pool, start], ...at });
    return {
      start: w.start,
      length: w.length,
      paid: w.paid,
      owed: w.owed,
      missed: w.missed,
      short: w.short_,
      days: w.days_.map((d) => ({ day: d.day, paid: d.paid, value: d.value, source: SOURCES[d.source] ?? 'none' })),
    };
  };
  const earliestStart = await client.readContract({ ...guard, functionName: 'earliestWindowStart', args: [pool], ...at });
  if (status === 'halted') {
    const [challengeEndsAt, flagged] = await Promise.all([
      client.readContract({ ...guard, functionName: 'challengeEndsAt', args: [pool], ...at }),
      client.readContract({ ...guard, functionName: 'flaggedWindow', args: [pool], ...at }),
    ]);
    return { earliestStart, window: await windowOf(flagged).catch(() => null), flaggable: false, challengeEndsAt };
  }
  let latest: bigint;
  try {
    latest = await client.readContract({ ...guard, functionName: 'latestWindow', args: [pool], ...at });
  } catch {
    return { earliestStart, window: null, flaggable: false, challengeEndsAt: 0n }; // no complete window yet
  }
  const starts: bigint[] = [];
  for (let start = latest; start >= earliestStart && latest - start < WINDOWS_CHECKED; start--) starts.push(start);
  const windows = await Promise.all(starts.map((start) => windowOf(start).catch(() => null)));
  const complete = windows.filter((w): w is PoolWindow => w !== null);
  const inDefault = complete.find((w) => w.missed || w.short);
  return { earliestStart, window: inDefault ?? complete[0] ?? null, flaggable: inDefault !== undefined, challengeEndsAt: 0n };
}

/** Every pool payout the guard has opened (they are few: one DAO vote each). */
async function readPayouts(client: Reader, at: { blockNumber: bigint }) {
  const d = getDeployment();
  const guard = { address: d.PoolGuard, abi: poolGuardAbi } as const;
  const count = await client.readContract({ ...guard, functionName: 'payoutCount', ...at });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const all = await Promise.all(ids.map((id) => client.readContract({ ...guard, functionName: 'payout', args: [id], ...at })));
  return all.map((po, i) => {
    const usdt = po.token.toLowerCase() === d.PaymentToken.toLowerCase();
    const dmc = po.token.toLowerCase() === d.DMC.toLowerCase();
    return { id: ids[i]!, pool: po.pool, token: po.token, symbol: usdt ? 'USDT' : dmc ? 'DMC' : 'tokens', decimals: usdt ? 6 : 18, amount: po.amount, claimed: po.claimed, closed: po.closed };
  });
}
