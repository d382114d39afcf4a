// The Treasury page's chain reads: Revenue's state and the next buyback (one block); its history is served from
// the index (GET /api/treasury/history, lib/index/history.ts), and readTreasuryHistory is the chain's reference.
import { erc20Abi, zeroAddress, type Address, type PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { dmcAbi } from '../../contracts-abi/DMC.gen';
import { jointPoolAbi } from '../../contracts-abi/JointPool.gen';
import { jointPoolFactoryAbi } from '../../contracts-abi/JointPoolFactory.gen';
import { loanMarketAbi } from '../../contracts-abi/LoanMarket.gen';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { revenueAbi } from '../../contracts-abi/Revenue.gen';

export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'>;
export type EventReader = Pick<PublicClient, 'readContract' | 'getContractEvents'>;

/**
 * Revenue's source ids: 0 other (sent straight in), 1 the marketplace, 2 the loan market, and `TOKEN_SALES` (9, one
 * past Revenue's eight fee sources): the USDT the joint pools' IFIL fees were sold for.
 */
export const SOURCE_IDS = { other: 0n, market: 1n, loans: 2n, pools: 9n } as const;
export type SourceName = keyof typeof SOURCE_IDS;
export type BySource = Record<SourceName, bigint>;
export const sourceName = (id: bigint): SourceName => (Object.keys(SOURCE_IDS) as SourceName[]).find((k) => SOURCE_IDS[k] === id) ?? 'other';
export const noSources = (): BySource => ({ other: 0n, market: 0n, loans: 0n, pools: 0n });

/** Buybacks stop at this DMC supply: 21,000,000 DMC (18 decimals). */
export const SUPPLY_FLOOR = 21_000_000n * 10n ** 18n;
const BPS = 10_000n;

export type BuybackQuote = {
  paid: bigint;
  out: bigint;
  referenceOut: bigint;
  minOut: bigint;
  windowStart: bigint;
  readyAt: bigint;
  staleAt: bigint;
};

/** What the next call to `sellToken(IFIL)` does (the contract's rules in its order: market, balance, window, hop, bound). */
export type IfilSaleStep =
  | { kind: 'none' } // IFIL has no market: it is forwarded to the treasury
  | { kind: 'empty' } // Revenue holds no IFIL
  | { kind: 'window' } // it starts a (new) price window
  | { kind: 'wait'; readyAt: bigint }
  | { kind: 'sell'; paid: bigint; out: bigint; minOut: bigint; referenceOut: bigint; inBounds: boolean };

export function nextIfilSale(now: bigint, held: bigint, pair: Address, q: BuybackQuote): IfilSaleStep {
  if (pair === zeroAddress) return { kind: 'none' };
  if (held === 0n) return { kind: 'empty' };
  const step = windowStep(now, q);
  return step.kind === 'trade' ? { ...step, kind: 'sell' } : step;
}

/** The price-window part of both calls (Revenue's `_windowStale`): start a missing or stale window, wait for the hop,
 * then trade the quote within its bound. */
function windowStep(
  now: bigint,
  q: BuybackQuote,
): { kind: 'window' } | { kind: 'wait'; readyAt: bigint } | { kind: 'trade'; paid: bigint; out: bigint; minOut: bigint; referenceOut: bigint; inBounds: boolean } {
  if (q.windowStart === 0n || now > q.staleAt) return { kind: 'window' };
  if (now < q.readyAt) return { kind: 'wait', readyAt: q.readyAt };
  if (q.paid === 0n) return { kind: 'window' };
  return { kind: 'trade', paid: q.paid, out: q.out, minOut: q.minOut, referenceOut: q.referenceOut, inBounds: q.out >= q.minOut };
}

/** What the next call to `buyback()` does at `now`, in the words the page uses. */
export type BuybackStep =
  | { kind: 'floor' } // the supply is at 21M: the call sends the budget to the treasury
  | { kind: 'empty' } // no budget (and no ended month with revenue to close)
  | { kind: 'window' } // it starts a (new) price window
  | { kind: 'wait'; readyAt: bigint } // the window is younger than a hop
  | { kind: 'buy'; paid: bigint; out: bigint; minOut: bigint; referenceOut: bigint; inBounds: boolean };

export type TreasuryState = {
  now: bigint;
  start: bigint;
  monthLength: bigint;
  month: bigint;
  closedMonths: bigint;
  budget: bigint;
  open: bigint;
  lot: bigint;
  hop: bigint;
  maxDeviationBps: bigint;
  totalPaid: bigint;
  totalBought: bigint;
  totalBurned: bigint;
  supply: bigint;
  /** This month's revenue by source. */
  thisMonth: BySource;
  /** The previous month's revenue, if it has not been closed yet (the next buyback or collect closes it). */
  toClose: bigint;
  /** Fees waiting at the sources that Revenue would receive by collecting (the market's net of the insurance share). */
  waiting: { market: bigint; loans: bigint };
  /** The products whose unminted sale holds issuance fees (Marketplace `productSale(id).fees`), and their sum: part of
   * `waiting.market`, booked for the withdrawal by `collectProductFees(ids)` before collecting. */
  productFees: { ids: bigint[]; total: bigint };
  /**
   * The joint pools' IFIL fees: waiting in each pool, held by Revenue, booked this month (sold, or forwarded where IFIL
   * has no market), and the next sale on the IFIL/USDT pair (`pair` zero: no market, IFIL is forwarded).
   */
  ifil: { pools: { address: Address; fees: bigint }[]; held: bigint; thisMonth: bigint; pair: Address; lot: bigint; quote: BuybackQuote; next: IfilSaleStep };
  quote: BuybackQuote;
  next: BuybackStep;
};

/** What `buyback()` would do now (the contract's rules in its order: floor, budget, window, hop, price bound). */
export function nextBuyback(s: Omit<TreasuryState, 'next'>): BuybackStep {
  const budgetNow = s.budget + (s.month > s.closedMonths && s.supply > SUPPLY_FLOOR ? (s.toClose * 8_000n) / BPS : 0n);
  if (s.supply <= SUPPLY_FLOOR) return s.budget === 0n ? { kind: 'empty' } : { kind: 'floor' };
  if (budgetNow === 0n) return { kind: 'empty' };
  const step = windowStep(s.now, s.quote);
  return step.kind === 'trade' ? { ...step, kind: 'buy' } : step;
}

/** Everything the Treasury page shows live, read at one block. */
export async function readTreasury(client: Reader): Promise<TreasuryState> {
  const d = getDeployment();
  const rev = { address: d.Revenue, abi: revenueAbi } as const;
  const block = await client.getBlock();
  const at = { blockNumber: block.number } as const;
  const [start, monthLength, closedMonths, budget, open, lot, hop, maxDeviationBps, totalPaid, totalBought, totalBurned, quote, supply] =
    await Promise.all([
      client.readContract({ ...rev, functionName: 'start', ...at }),
      client.readContract({ ...rev, functionName: 'MONTH', ...at }),
      client.readContract({ ...rev, functionName: 'closedMonths', ...at }),
      client.readContract({ ...rev, functionName: 'budget', ...at }),
      client.readContract({ ...rev, functionName: 'open', ...at }),
      client.readContract({ ...rev, functionName: 'lot', ...at }),
      client.readContract({ ...rev, functionName: 'hop', ...at }),
      client.readContract({ ...rev, functionName: 'maxDeviationBps', ...at }),
      client.readContract({ ...rev, functionName: 'totalPaid', ...at }),
      client.readContract({ ...rev, functionName: 'totalBought', ...at }),
      client.readContract({ ...rev, functionName: 'totalBurned', ...at }),
      client.readContract({ ...rev, functionName: 'quote', ...at }),
      client.readContract({ address: d.DMC, abi: dmcAbi, functionName: 'totalSupply', ...at }),
    ]);
  const month = (block.timestamp - start) / monthLength;
  const [other, market, loans, pools, marketFees, commissions, insuranceShareBps, loansAccrued] = await Promise.all([
    client.readContract({ ...rev, functionName: 'revenueOf', args: [month, SOURCE_IDS.other], ...at }),
    client.readContract({ ...rev, functionName: 'revenueOf', args: [month, SOURCE_IDS.market], ...at }),
    client.readContract({ ...rev, functionName: 'revenueOf', args: [month, SOURCE_IDS.loans], ...at }),
    client.readContract({ ...rev, functionName: 'revenueOf', args: [month, SOURCE_IDS.pools], ...at }),
    // every fee not yet withdrawn, the part waiting in the escrow (primary sales) included
    client.readContract({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'accruedFees', ...at }),
    // the promotion nodes' part of those fees goes to the nodes, not to Revenue
    client.readContract({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'commissionsAccrued', ...at }),
    client.readContract({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'insuranceShareBps', ...at }),
    client.readContract({ address: d.LoanMarket, abi: loanMarketAbi, functionName: 'accruedFees', ...at }),
  ]);
  const thisMonth = { other, market, loans, pools };
  // Fees of purchases of unminted NFTs wait in each product's sale slot until booked (a handful of products: each took
  // a DAO vote).
  const productCount = await client.readContract({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'productCount', ...at });
  const saleFees = await Promise.all(
    Array.from({ length: Number(productCount) }, (_, i) =>
      client.readContract({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'productSale', args: [BigInt(i + 1)], ...at }).then((sale) => sale.fees),
    ),
  );
  const productFees = { ids: saleFees.flatMap((fees, i) => (fees > 0n ? [BigInt(i + 1)] : [])), total: saleFees.reduce((a, b) => a + b, 0n) };
  const marketNet = marketFees + productFees.total - commissions;
  const miners = await client.readContract({ address: d.JointPoolFactory, abi: jointPoolFactoryAbi, functionName: 'miners', ...at });
  const [poolFees, ifilHeld, ifilThisMonth, [ifilPair, ifilLot], ifilQuote] = await Promise.all([
    Promise.all(
      miners.map(async (miner) => {
        const address = await client.readContract({ address: d.JointPoolFactory, abi: jointPoolFactoryAbi, functionName: 'poolOf', args: [miner], ...at });
        const st = await client.readContract({ address, abi: jointPoolAbi, functionName: 'state', ...at });
        return { address, fees: st.platformFees };
      }),
    ),
    client.readContract({ address: d.IFIL, abi: erc20Abi, functionName: 'balanceOf', args: [d.Revenue], ...at }),
    client.readContract({ ...rev, functionName: 'tokenRevenueOf', args: [d.IFIL, month], ...at }),
    client.readContract({ ...rev, functionName: 'tokenMarket', args: [d.IFIL], ...at }),
    client.readContract({ ...rev, functionName: 'tokenQuote', args: [d.IFIL], ...at }),
  ]);
  // open = the revenue of every month not closed yet: this month's and, until a call closes them, ended months'
  const unclosed = open - (other + market + loans + pools);
  const s = {
    now: block.timestamp,
    start,
    monthLength,
    month,
    closedMonths,
    budget,
    open,
    lot,
    hop,
    maxDeviationBps,
    totalPaid,
    totalBought,
    totalBurned,
    supply,
    thisMonth,
    toClose: unclosed,
    waiting: { market: marketNet - (marketNet * insuranceShareBps) / BPS, loans: loansAccrued },
    productFees,
    ifil: {
      pools: poolFees,
      held: ifilHeld,
      thisMonth: ifilThisMonth,
      pair: ifilPair,
      lot: ifilLot,
      quote: { ...ifilQuote },
      next: nextIfilSale(block.timestamp, ifilHeld, ifilPair, ifilQuote),
    },
    quote: { ...quote },
  };
  return { ...s, next: nextBuyback(s) };
}

export type RevenueMonth = {
  month: number;
  start: number;
  bySource: BySource;
  total: bigint;
  toBuyback?: bigint;
  toTreasury?: bigint;
  /** The joint pools' IFIL fees booked in the month (sold for USDT, or forwarded to the treasury). */
  ifil: bigint;
};
export type BuybackRecord = {
  blockNumber: bigint;
  txHash: `0x${string}`;
  time: number;
  paid: bigint;
  bought: bigint;
  burned: bigint;
  referenceOut: bigint;
  /** Null when the index's node no longer had the buyback block's state (not an archive node). */
  supplyAfter: bigint | null;
};
export type TreasuryHistory = { months: RevenueMonth[]; buybacks: BuybackRecord[] };

/**
 * Revenue by month and source, each month's close, and every buyback (with the DMC supply after it), newest first,
 * from Revenue's events on the chain: the reference answer the index's (GET /api/treasury/history) is tested
 * against; no route scans these logs.
 */
export async function readTreasuryHistory(client: EventReader & Reader): Promise<TreasuryHistory> {
  const d = getDeployment();
  const range = { address: d.Revenue, abi: revenueAbi, fromBlock: BigInt(d.startBlock), toBlock: 'latest' } as const;
  const [start, monthLength, booked, closed, bought, forwarded, sold] = await Promise.all([
    client.readContract({ address: d.Revenue, abi: revenueAbi, functionName: 'start' }),
    client.readContract({ address: d.Revenue, abi: revenueAbi, functionName: 'MONTH' }),
    client.getContractEvents({ ...range, eventName: 'RevenueBooked' }),
    client.getContractEvents({ ...range, eventName: 'MonthClosed' }),
    client.getContractEvents({ ...range, eventName: 'BoughtBack' }),
    client.getContractEvents({ ...range, eventName: 'TokenRevenueForwarded', args: { token: d.IFIL } }),
    client.getContractEvents({ ...range, eventName: 'TokenSold', args: { token: d.IFIL } }),
  ]);
  const months = new Map<number, RevenueMonth>();
  const monthOf = (m: number) => {
    let row = months.get(m);
    if (!row) {
      row = { month: m, start: Number(start + BigInt(m) * monthLength), bySource: noSources(), total: 0n, ifil: 0n };
      months.set(m, row);
    }
    return row;
  };
  for (const e of booked) {
    const row = monthOf(Number(e.args.month));
    const name = sourceName(e.args.source!);
    row.bySource[name] += e.args.amount!;
    row.total += e.args.amount!;
  }
  for (const e of [...forwarded, ...sold]) monthOf(Number(e.args.month)).ifil += e.args.amount!;
  for (const e of closed) {
    const row = monthOf(Number(e.args.month));
    row.toBuyback = e.args.toBuyback;
    row.toTreasury = e.args.toTreasury;
  }
  const buybacks = await Promise.all(
    bought.map(async (e): Promise<BuybackRecord> => {
      const [blk, supplyAfter] = await Promise.all([
        client.getBlock({ blockNumber: e.blockNumber }),
        client.readContract({ address: d.DMC, abi: dmcAbi, functionName: 'totalSupply', blockNumber: e.blockNumber }),
      ]);
      return {
        blockNumber: e.blockNumber,
        txHash: e.transactionHash,
        time: Number(blk.timestamp),
        paid: e.args.paid!,
        bought: e.args.bought!,
        burned: e.args.burned!,
        referenceOut: e.args.referenceOut!,
        supplyAfter,
      };
    }),
  );
  return {
    months: [...months.values()].sort((a, b) => b.month - a.month),
    buybacks: buybacks.sort((a, b) => Number(b.blockNumber - a.blockNumber)),
  };
}

/** USDT per DMC (6-decimal USDT units per whole DMC) of a trade: `usdt` paid for `dmc` base units. */
export const usdtPerDmc = (usdt: bigint, dmc: bigint): bigint => (dmc === 0n ? 0n : (usdt * 10n ** 18n) / dmc);
