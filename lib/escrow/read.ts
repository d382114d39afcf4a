/**
 * Chain readers of the escrow / default / insurance feature, over any viem public client (the hooks pass wagmi's,
 * the integration test its own), so the numbers the pages show are the numbers the tests check.
 */
import { BaseError, ContractFunctionRevertedError, type Address, type PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { defaultGuardAbi } from '../../contracts-abi/DefaultGuard.gen';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { insuranceFundAbi } from '../../contracts-abi/InsuranceFund.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { revenueEscrowAbi } from '../../contracts-abi/RevenueEscrow.gen';
import { yieldDistributorAbi } from '../../contracts-abi/YieldDistributor.gen';
import { yieldOracleAbi } from '../../contracts-abi/YieldOracle.gen';
import { inChunks } from '../chain/inChunks';
import { COINS } from '../format/hashrate';
import type { ProductView } from '../market/types';
import { readProduct } from '../yield/read';
import { completeTermDays, guardWindow, minerRecord, type MinerRecord, type PaidDay, type TokenStream } from './record';
import { productIdOf } from '../nft/metadata';
import { valueSource, type WindowDay } from './window';

export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'>;

const DAY = 86_400n;

/** MinerRegistry.Status, by position (append-only in the contract). */
export const REGISTRY_STATUSES = ['Pending', 'Approved', 'Rejected', 'Active', 'Slashed', 'Withdrawn', 'Completed', 'Defaulted', 'Flagged'] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];
/** DefaultGuard.Reason, by position. */
export const DEFAULT_REASONS = ['Missed', 'Short'] as const;
export type DefaultReason = (typeof DEFAULT_REASONS)[number];

export function registryStatus(index: number): RegistryStatus {
  // A stored Withdrawn is a Completed (see MinerRegistry's NatSpec).
  const s = REGISTRY_STATUSES[index] ?? 'Pending';
  return s === 'Withdrawn' ? 'Completed' : s;
}

export async function readToday(client: Reader): Promise<{ now: bigint; today: bigint }> {
  const now = (await client.getBlock()).timestamp;
  return { now, today: now / DAY };
}


/** A revert's custom error name and its bigint arguments, or null when the error is not a contract revert. */
/** The guard's ABI with the errors of the contracts it reads (what a `check` or `latestWindow` can revert with). */
const guardAbi = [...defaultGuardAbi, ...yieldOracleAbi, ...yieldDistributorAbi, ...hashrateNftAbi, ...minerRegistryAbi, ...revenueEscrowAbi] as const;

function revertOf(error: unknown): { errorName: string; args: Record<string, bigint> } | null {
  const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data?.errorName) return null;
  const item = guardAbi.find((x) => x.type === 'error' && x.name === reverted.data!.errorName);
  const args: Record<string, bigint> = {};
  item?.inputs.forEach((input, i) => {
    const v = reverted.data!.args?.[i];
    if (input.name && typeof v === 'bigint') args[input.name] = v;
  });
  return { errorName: reverted.data.errorName, args };
}

/**
 * DefaultGuard.check over the latest window that can be judged (`latestWindow`): in default (and why), or the error
 * saying why not (its name and arguments). `windowStart` is null when no window can be judged yet.
 */
export type DefaultCheck =
  | { inDefault: true; reason: DefaultReason; windowStart: bigint }
  | { inDefault: false; errorName: string; args: Record<string, bigint>; windowStart: bigint | null };

export async function readDefaultCheck(client: Reader, productId: bigint): Promise<DefaultCheck> {
  const address = getDeployment().DefaultGuard;
  const abi = guardAbi;
  let windowStart: bigint;
  try {
    windowStart = await client.readContract({ address, abi, functionName: 'latestWindow', args: [productId] });
  } catch (error) {
    const r = revertOf(error);
    if (!r) throw error;
    return { inDefault: false, ...r, windowStart: null };
  }
  try {
    const reason = await client.readContract({ address, abi, functionName: 'check', args: [productId, windowStart] });
    return { inDefault: true, reason: DEFAULT_REASONS[Number(reason)] ?? 'Missed', windowStart };
  } catch (error) {
    const r = revertOf(error);
    if (!r) throw error;
    return { inDefault: false, ...r, windowStart };
  }
}

/** DefaultGuard.windowOf: a window's days (paid, the value the guard uses and its source) and its totals. */
export type GuardWindow = { start: bigint; length: bigint; paid: bigint; owed: bigint; missed: boolean; short: boolean; days: WindowDay[] };

export async function readGuardWindow(client: Reader, productId: bigint, start: bigint): Promise<GuardWindow> {
  const w = await client.readContract({ address: getDeployment().DefaultGuard, abi: defaultGuardAbi, functionName: 'windowOf', args: [productId, start] });
  return {
    start: w.start,
    length: w.length,
    paid: w.paid,
    owed: w.owed,
    missed: w.missed,
    short: w.short_,
    days: w.days_.map((d) => ({ day: d.day, paid: d.paid, value: d.value, source: valueSource(d.source) })),
  };
}

export type TokenEscrowView = TokenStream & { refundable: bigint; halted: boolean; haltDay: bigint };

/** A token's stream in the escrow (released / unreleased now, or at the halt day) and what is refundable now. */
export async function readTokenEscrow(client: Reader, tokenId: bigint): Promise<TokenEscrowView> {
  const address = getDeployment().RevenueEscrow;
  const productId = productIdOf(tokenId);
  const [t, refundable, st] = await Promise.all([
    client.readContract({ address, abi: revenueEscrowAbi, functionName: 'tokenEscrow', args: [tokenId] }),
    client.readContract({ address, abi: revenueEscrowAbi, functionName: 'refundable', args: [tokenId] }),
    client.readContract({ address, abi: revenueEscrowAbi, functionName: 'productState', args: [productId] }),
  ]);
  return {
    amount: t.amount,
    startDay: t.startDay,
    endDay: t.endDay,
    released: t.released,
    unreleased: t.unreleased,
    refundable,
    halted: st.halted,
    haltDay: st.haltDay,
  };
}

export type ProductRecord = {
  product: ProductView;
  now: bigint;
  today: bigint;
  firstDay: bigint;
  endDay: bigint;
  units: bigint;
  shortfallBps: bigint;
  record: MinerRecord;
  /** The guard's window (today − 7 .. today − 1), the days inside the term, classified. */
  window: MinerRecord['classified'];
  lastDepositDay: bigint;
  lastReportedDay: bigint;
  application: { id: bigint; status: RegistryStatus; stake: bigint; name: string } | null;
  halted: boolean;
  check: DefaultCheck;
  /** The latest window the guard can judge, with what was paid against what was owed; null before the first. */
  guardWindow: GuardWindow | null;
  /** When the current flag's challenge period ends (unix seconds; 0: not flagged now) and the window it named. */
  challengeEndsAt: bigint;
  flaggedWindow: bigint;
};

/**
 * The miner's record on a product: every complete day of the term so far (at most the latest 365) with what was
 * deposited and the oracle median, the guard's 7-day window, the last payment and report days, the DMC stake,
 * the registry status, whether the escrow is halted, DefaultGuard.check over its latest window (with the window's
 * paid and owed), and the challenge period of a pending flag.
 */
export async function readProductRecord(client: Reader, productId: bigint): Promise<ProductRecord> {
  const d = getDeployment();
  const [product, { now, today }] = await Promise.all([readProduct(client, productId), readToday(client)]);
  const firstDay = product.termStart / DAY;
  const endDay = product.termEnd / DAY;
  const units = BigInt(product.minted) * product.hashratePerNFT;
  const coin = COINS.indexOf(product.coin);
  const termDays = completeTermDays(firstDay, endDay, today);
  const windowDays = guardWindow(today).filter((day) => day >= firstDay && day < endDay);
  const allDays = [...new Set([...termDays, ...windowDays])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const [shortfallBps, lastDepositDay, lastReportedDay, applicationId, st, check, challengeEndsAt, flaggedWindow] = await Promise.all([
    client.readContract({ address: d.DefaultGuard, abi: defaultGuardAbi, functionName: 'shortfallBps' }),
    client.readContract({ address: d.YieldDistributor, abi: yieldDistributorAbi, functionName: 'lastDepositDay', args: [productId] }),
    client.readContract({ address: d.YieldOracle, abi: yieldOracleAbi, functionName: 'lastReportedDay', args: [coin] }),
    client.readContract({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'productApplication', args: [productId] }),
    client.readContract({ address: d.RevenueEscrow, abi: revenueEscrowAbi, functionName: 'productState', args: [productId] }),
    readDefaultCheck(client, productId),
    client.readContract({ address: d.DefaultGuard, abi: defaultGuardAbi, functionName: 'challengeEndsAt', args: [productId] }),
    client.readContract({ address: d.DefaultGuard, abi: defaultGuardAbi, functionName: 'flaggedWindow', args: [productId] }),
  ]);
  const latestWindow = check.windowStart === null ? null : await readGuardWindow(client, productId, check.windowStart);
  const days: PaidDay[] = await inChunks(allDays, async (day) => {
    const [paid, [median]] = await Promise.all([
      client.readContract({ address: d.YieldDistributor, abi: yieldDistributorAbi, functionName: 'depositedOn', args: [productId, day] }),
      client.readContract({ address: d.YieldOracle, abi: yieldOracleAbi, functionName: 'averageOf', args: [coin, day] }),
    ]);
    return { day, paid, median };
  });
  const byDay = new Map(days.map((x) => [x.day, x]));
  const record = minerRecord(termDays.map((day) => byDay.get(day)!), units, shortfallBps);
  const window = minerRecord(windowDays.map((day) => byDay.get(day)!), units, shortfallBps).classified;
  let application: ProductRecord['application'] = null;
  if (applicationId !== 0n) {
    const a = await client.readContract({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'application', args: [applicationId] });
    application = { id: applicationId, status: registryStatus(a.status), stake: a.requiredStake, name: a.name };
  }
  return {
    product, now, today, firstDay, endDay, units, shortfallBps, record, window, lastDepositDay, lastReportedDay, application,
    halted: st.halted, check, guardWindow: latestWindow, challengeEndsAt, flaggedWindow,
  };
}

export type ProductEscrow = {
  productId: bigint;
  credited: bigint;
  released: bigint;
  withdrawn: bigint;
  refunded: bigint;
  withdrawable: bigint;
  halted: boolean;
  haltDay: bigint;
  firstDay: bigint;
  endDay: bigint;
};

/** A product's escrow totals and what its miner can withdraw now. */
export async function readProductEscrow(client: Reader, productId: bigint): Promise<ProductEscrow> {
  const address = getDeployment().RevenueEscrow;
  const [st, withdrawable] = await Promise.all([
    client.readContract({ address, abi: revenueEscrowAbi, functionName: 'productState', args: [productId] }),
    client.readContract({ address, abi: revenueEscrowAbi, functionName: 'withdrawable', args: [productId] }),
  ]);
  return { productId, ...st, withdrawable };
}

/** The money still in escrow for a product: credited − released − refunded (owed to holders when halted). */
export function unreleasedOf(e: Pick<ProductEscrow, 'credited' | 'released' | 'refunded'>): bigint {
  return e.credited - e.released - e.refunded;
}

/** What each of the given tokens can claim back now from a halted product (only the tokens with something). */
export async function readRefundables(client: Reader, tokenIds: bigint[]): Promise<{ tokenId: bigint; amount: bigint }[]> {
  const address = getDeployment().RevenueEscrow;
  const amounts = await inChunks(tokenIds, (tokenId) => client.readContract({ address, abi: revenueEscrowAbi, functionName: 'refundable', args: [tokenId] }));
  return tokenIds.map((tokenId, i) => ({ tokenId, amount: amounts[i]! })).filter((x) => x.amount > 0n);
}

export type PayoutView = {
  payoutId: bigint;
  productId: bigint;
  token: Address;
  amount: bigint;
  units: bigint;
  claimed: bigint;
  closed: boolean;
};

/** Every insurance payout, newest first. */
export async function readPayouts(client: Reader): Promise<PayoutView[]> {
  const address = getDeployment().InsuranceFund;
  const count = await client.readContract({ address, abi: insuranceFundAbi, functionName: 'payoutCount' });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1)).reverse();
  const payouts = await inChunks(ids, (id) => client.readContract({ address, abi: insuranceFundAbi, functionName: 'payout', args: [id] }));
  return ids.map((payoutId, i) => {
    const p = payouts[i]!;
    return { payoutId, productId: p.productId, token: p.token, amount: p.amount, units: p.units, claimed: p.claimed, closed: p.closed };
  });
}

export type PayoutClaim = PayoutView & { tokens: { tokenId: bigint; amount: bigint }[]; total: bigint };

/** The open payouts of the products of the given tokens, with what each token can claim now (0-claim payouts left out). */
export async function readPayoutClaims(client: Reader, tokenIds: bigint[]): Promise<PayoutClaim[]> {
  if (tokenIds.length === 0) return [];
  const address = getDeployment().InsuranceFund;
  const payouts = (await readPayouts(client)).filter((p) => !p.closed && tokenIds.some((id) => productIdOf(id) === p.productId));
  const out: PayoutClaim[] = [];
  for (const p of payouts) {
    const mine = tokenIds.filter((id) => productIdOf(id) === p.productId);
    const amounts = await inChunks(mine, (tokenId) =>
      client.readContract({ address, abi: insuranceFundAbi, functionName: 'claimablePayout', args: [p.payoutId, tokenId] }),
    );
    const tokens = mine.map((tokenId, i) => ({ tokenId, amount: amounts[i]! })).filter((x) => x.amount > 0n);
    const total = tokens.reduce((s, x) => s + x.amount, 0n);
    if (total > 0n) out.push({ ...p, tokens, total });
  }
  return out;
}

export type FundBalance = { token: Address; balance: bigint; earmarked: bigint };

export type InsuranceOverview = {
  dmc: FundBalance;
  usdt: FundBalance;
  payouts: PayoutView[];
  products: (ProductEscrow & { status: RegistryStatus | null; applicationId: bigint; miner: Address; name: string })[];
};

/** The fund's DMC and USDT (balance, earmarked), every payout, and every product's escrow and registry status. */
export async function readInsuranceOverview(client: Reader): Promise<InsuranceOverview> {
  const d = getDeployment();
  const [[dmcBalance, dmcEarmarked], [usdtBalance, usdtEarmarked], payouts, productCount] = await Promise.all([
    client.readContract({ address: d.InsuranceFund, abi: insuranceFundAbi, functionName: 'balances', args: [d.DMC] }),
    client.readContract({ address: d.InsuranceFund, abi: insuranceFundAbi, functionName: 'balances', args: [d.PaymentToken] }),
    readPayouts(client),
    client.readContract({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'productCount' }),
  ]);
  const productIds = Array.from({ length: Number(productCount) }, (_, i) => BigInt(i + 1));
  const products = await inChunks(productIds, async (productId) => {
    const [escrow, applicationId, product] = await Promise.all([
      readProductEscrow(client, productId),
      client.readContract({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'productApplication', args: [productId] }),
      readProduct(client, productId),
    ]);
    let status: RegistryStatus | null = null;
    let name = '';
    if (applicationId !== 0n) {
      const a = await client.readContract({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'application', args: [applicationId] });
      status = registryStatus(a.status);
      name = a.name;
    }
    return { ...escrow, status, applicationId, miner: product.miner, name };
  });
  return {
    dmc: { token: d.DMC, balance: dmcBalance, earmarked: dmcEarmarked },
    usdt: { token: d.PaymentToken, balance: usdtBalance, earmarked: usdtEarmarked },
    payouts,
    products,
  };
}
