// Joint mining pools (one per miner, opened by a DAO vote): their state, the account's position and the last 30
// days of yield, read at one block (single calls, no log scans).
import { erc20Abi, type Address, type PublicClient } from 'viem';
import { getDeployment, jointPoolAbi, jointPoolFactoryAbi } from '../chain/contracts';

export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'>;

export const REDEEM_FEE_BPS = 20n;
export const TERM_SECONDS = 540n * 86_400n;
const BPS = 10_000n;
/** The holders' share of each day's yield: 75% (20% goes back to the miner, 5% to the platform). */
export const HOLDERS_BPS = 7_500n;
export const CHART_DAYS = 30;

export type PoolPhase = 'genesis' | 'growth' | 'ended';

export type PoolPosition = {
  dToken: bigint;
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
  /** Yield paid per UTC day, oldest first, the last CHART_DAYS days to today. */
  days: { day: bigint; amount: bigint }[];
  position: PoolPosition | null;
};

export type PoolsState = { now: bigint; today: bigint; account: Address | null; pools: JointPoolView[] };

export function phaseOf(growthStart: bigint, termEnd: bigint, now: bigint): PoolPhase {
  if (growthStart === 0n) return 'genesis';
  return now >= termEnd ? 'ended' : 'growth';
}

/** What `redeem(shares)` pays: its share of the liquid principal plus all the holder's yield, less 0.2%. */
export function redeemPreview(p: Pick<JointPoolView, 'liquid' | 'supply' | 'yieldUnpaid'>, shares: bigint, pendingYield: bigint) {
  const principal = p.supply === 0n ? 0n : shares === p.supply ? p.liquid : (p.liquid * shares) / p.supply;
  const yieldPart = pendingYield > p.yieldUnpaid ? p.yieldUnpaid : pendingYield;
  const gross = principal + yieldPart;
  const fee = (gross * REDEEM_FEE_BPS) / BPS;
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
  const miners = await client.readContract({ ...factory, functionName: 'miners', ...at });
  const pools = await Promise.all(
    miners.map(async (miner): Promise<JointPoolView> => {
      const [address, powerMilliTiB] = await Promise.all([
        client.readContract({ ...factory, functionName: 'poolOf', args: [miner], ...at }),
        client.readContract({ ...factory, functionName: 'powerOf', args: [miner], ...at }),
      ]);
      const pool = { address, abi: jointPoolAbi } as const;
      const dayNumbers = Array.from({ length: CHART_DAYS }, (_, i) => today - BigInt(CHART_DAYS - 1 - i));
      const [s, symbol, totalShareSeconds, amounts, position] = await Promise.all([
        client.readContract({ ...pool, functionName: 'state', ...at }),
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
            ]).then(([dToken, pendingYield, collateral, shareSeconds, ifil, allowance]): PoolPosition => ({ dToken, pendingYield, collateral, shareSeconds, ifil, allowance }))
          : Promise.resolve(null),
      ]);
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
        phase: phaseOf(s.growthStart, s.termEnd, now),
        days: dayNumbers.map((day, i) => ({ day, amount: amounts[i]! })),
        position,
      };
    }),
  );
  return { now, today, account: account ?? null, pools };
}
