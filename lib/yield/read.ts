/**
 * Chain readers of the yield feature, over any viem public client (the hooks pass wagmi's, the integration test
 * its own), so the numbers the pages show are the numbers the tests check. The event readers here
 * (readDeposits, readPurchasePrices) are the chain's reference answers: the browser takes the
 * same history from the index's routes (lib/index/client.ts) and the integration tests compare the two.
 */
import type { Address, PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { ifilAbi } from '../../contracts-abi/IFIL.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { mockWbtcAbi } from '../../contracts-abi/MockWBTC.gen';
import { yieldDistributorAbi } from '../../contracts-abi/YieldDistributor.gen';
import { coinFromIndex, type Coin } from '../format/hashrate';
import type { ProductView } from '../market/types';
import type { DayDeposit } from './series';
import { productIdOf } from '../nft/metadata';

export type Reader = Pick<PublicClient, 'readContract' | 'getContractEvents' | 'getBlock'>;

/** The ERC-20 a coin's yield is paid in: IFIL (18 decimals) for FIL, wrapped BTC (8) for BTC. */
export function yieldTokenAddress(coin: Coin): Address {
  const d = getDeployment();
  return coin === 'FIL' ? d.IFIL : d.BtcYieldToken;
}

/** A product's on-chain attributes as the app's ProductView (shared by the yield and escrow readers). */
export async function readProduct(client: Pick<PublicClient, 'readContract'>, productId: bigint): Promise<ProductView> {
  const p = await client.readContract({ address: getDeployment().HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [productId] });
  return { ...p, productId, coin: coinFromIndex(p.coin) };
}

/** Every YieldDeposited of the given products (the indexed productId filters on the node), oldest first. */
export async function readDeposits(client: Reader, productIds: bigint[]): Promise<(DayDeposit & { payer: Address; blockNumber: bigint })[]> {
  if (productIds.length === 0) return [];
  const d = getDeployment();
  const logs = await client.getContractEvents({
    address: d.YieldDistributor,
    abi: yieldDistributorAbi,
    eventName: 'YieldDeposited',
    args: { productId: productIds },
    fromBlock: BigInt(d.startBlock),
    toBlock: 'latest',
  });
  return logs.map((l) => ({ productId: l.args.productId!, day: l.args.day!, amount: l.args.amount!, payer: l.args.payer!, blockNumber: l.blockNumber }));
}

export type TokenYield = { tokenId: bigint; claimable: bigint; claimed: bigint };

/** What each token can claim now (one claimableOf call) and has ever been paid (claimedOf). */
export async function readTokenYields(client: Reader, tokenIds: bigint[]): Promise<{ total: bigint; tokens: TokenYield[] }> {
  if (tokenIds.length === 0) return { total: 0n, tokens: [] };
  const address = getDeployment().YieldDistributor;
  const [[total, amounts], claimed] = await Promise.all([
    client.readContract({ address, abi: yieldDistributorAbi, functionName: 'claimableOf', args: [tokenIds] }),
    Promise.all(tokenIds.map((id) => client.readContract({ address, abi: yieldDistributorAbi, functionName: 'claimedOf', args: [id] }))),
  ]);
  return { total, tokens: tokenIds.map((tokenId, i) => ({ tokenId, claimable: amounts[i]!, claimed: claimed[i]! })) };
}

/**
 * What the account paid for each token, from its latest purchase: a fixed-price Sold or a won AuctionSettled
 * with the account as buyer. Tokens it never bought (a miner's own) are absent.
 */
export async function readPurchasePrices(client: Reader, account: Address, tokenIds: bigint[]): Promise<Map<bigint, bigint>> {
  const out = new Map<bigint, bigint>();
  if (tokenIds.length === 0) return out;
  const d = getDeployment();
  const common = { address: d.Marketplace, abi: marketplaceAbi, fromBlock: BigInt(d.startBlock), toBlock: 'latest' } as const;
  const [sold, settled] = await Promise.all([
    client.getContractEvents({ ...common, eventName: 'Sold', args: { buyer: account, tokenId: tokenIds } }),
    client.getContractEvents({ ...common, eventName: 'AuctionSettled', args: { winner: account, tokenId: tokenIds } }),
  ]);
  const all = [
    ...sold.map((l) => ({ tokenId: l.args.tokenId!, price: l.args.price!, block: l.blockNumber, index: l.logIndex })),
    ...settled.map((l) => ({ tokenId: l.args.tokenId!, price: l.args.amount!, block: l.blockNumber, index: l.logIndex })),
  ].sort((a, b) => (a.block === b.block ? a.index - b.index : a.block < b.block ? -1 : 1));
  for (const p of all) out.set(p.tokenId, p.price); // the latest wins
  return out;
}

export async function readYieldTokenBalance(client: Reader, coin: Coin, account: Address): Promise<bigint> {
  return client.readContract({ address: yieldTokenAddress(coin), abi: coin === 'FIL' ? ifilAbi : mockWbtcAbi, functionName: 'balanceOf', args: [account] });
}

export async function readYieldTokenAllowance(client: Reader, coin: Coin, owner: Address): Promise<bigint> {
  return client.readContract({
    address: yieldTokenAddress(coin),
    abi: coin === 'FIL' ? ifilAbi : mockWbtcAbi,
    functionName: 'allowance',
    args: [owner, getDeployment().YieldDistributor],
  });
}

/** The live part of the miner's "Pay yield" card: the product, its last paid day and total, chain time. */
export async function readProductYieldState(client: Reader, productId: bigint) {
  const address = getDeployment().YieldDistributor;
  const [product, lastDepositDay, totalDeposited, block] = await Promise.all([
    readProduct(client, productId),
    client.readContract({ address, abi: yieldDistributorAbi, functionName: 'lastDepositDay', args: [productId] }),
    client.readContract({ address, abi: yieldDistributorAbi, functionName: 'totalDeposited', args: [productId] }),
    client.getBlock(),
  ]);
  return { product, lastDepositDay: totalDeposited === 0n ? null : lastDepositDay, totalDeposited, chainTime: block.timestamp };
}

/**
 * Everything the miner's "Pay yield" card needs about one product, read straight from the chain (the app takes
 * the deposits from the index; the integration tests check both against each other).
 */
export async function readProductYield(client: Reader, productId: bigint) {
  const [state, deposits] = await Promise.all([readProductYieldState(client, productId), readDeposits(client, [productId])]);
  return { ...state, paidDays: new Set(deposits.map((x) => x.day)), deposits };
}

/** One token's yield panel: unclaimed, claimed, and what the product received on each of the last `days` days. */
export async function readTokenYieldDetail(client: Reader, tokenId: bigint, days: number) {
  const address = getDeployment().YieldDistributor;
  const productId = productIdOf(tokenId);
  const [claimable, claimed, block] = await Promise.all([
    client.readContract({ address, abi: yieldDistributorAbi, functionName: 'claimable', args: [tokenId] }),
    client.readContract({ address, abi: yieldDistributorAbi, functionName: 'claimedOf', args: [tokenId] }),
    client.getBlock(),
  ]);
  const today = block.timestamp / 86_400n;
  const dayList = Array.from({ length: days }, (_, i) => today - BigInt(days - 1 - i));
  const deposited = await Promise.all(
    dayList.map((day) => client.readContract({ address, abi: yieldDistributorAbi, functionName: 'depositedOn', args: [productId, day] })),
  );
  return { claimable, claimed, today, deposits: dayList.map((day, i) => ({ productId, day, amount: deposited[i]! })) };
}
