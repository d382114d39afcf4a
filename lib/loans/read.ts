/**
 * Chain readers of the loan market, over any viem public client (the hooks pass wagmi's, the integration test
 * its own), so the numbers the pages show are the numbers the tests check. Positions are read by id
 * (positionCount, then position(id) for each): every offer, request and loan keeps its id for life.
 */
import type { Address, PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { loanMarketAbi } from '../../contracts-abi/LoanMarket.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { yieldDistributorAbi } from '../../contracts-abi/YieldDistributor.gen';
import { inChunks } from '../chain/inChunks';
import { registryStatus, type RegistryStatus } from '../escrow/read';
import type { ProductView } from '../market/types';
import { readProduct } from '../yield/read';
import { matchingOffers, positionsOf, rankOffers, toLoanPosition, type AmountDue, type LoanPosition, type NftCollateral } from './terms';
import { productIdOf } from '../nft/metadata';

/**
 * What the loan readers read through: a viem client for live values and, in the browser, `positions` — every
 * position from the index (GET /api/loans/positions). Without it positions are read from the chain by id (the
 * integration tests, which compare both).
 */
export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'> & { positions?: () => Promise<LoanPosition[]> };

/** Every position, oldest first. */
export async function readPositions(client: Reader): Promise<LoanPosition[]> {
  if (client.positions) return client.positions();
  const address = getDeployment().LoanMarket;
  const count = await client.readContract({ address, abi: loanMarketAbi, functionName: 'positionCount' });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const raws = await inChunks(ids, (id) => client.readContract({ address, abi: loanMarketAbi, functionName: 'position', args: [id] }));
  return ids.map((id, i) => toLoanPosition(id, raws[i]!));
}

/** A product's registry status (Active, Defaulted, …), or null for a product the registry did not create. */
export async function readProductStatus(client: Reader, productId: bigint): Promise<RegistryStatus | null> {
  const d = getDeployment();
  const applicationId = await client.readContract({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'productApplication', args: [productId] });
  if (applicationId === 0n) return null;
  return registryStatus(await client.readContract({ address: d.MinerRegistry, abi: minerRegistryAbi, functionName: 'statusOf', args: [applicationId] }));
}

export type ProductWithStatus = { product: ProductView; status: RegistryStatus | null };

/** Products (with their registry status) by id, read once each. */
async function readProducts(client: Reader, productIds: bigint[]): Promise<Map<bigint, ProductWithStatus>> {
  const unique = [...new Set(productIds)];
  const rows = await inChunks(unique, async (productId) => {
    const [product, status] = await Promise.all([readProduct(client, productId), readProductStatus(client, productId)]);
    return [productId, { product, status }] as const;
  });
  return new Map(rows);
}

/** Each NFT as collateral: its product and the product's registry status. */
export async function readNftCollaterals(client: Reader, tokenIds: bigint[]): Promise<Map<bigint, NftCollateral>> {
  const products = await readProducts(client, tokenIds.map(productIdOf));
  return new Map(tokenIds.map((tokenId) => [tokenId, { tokenId, ...products.get(productIdOf(tokenId))! }]));
}

/** Every product with its status (the offer book's "NFTs of product …" filter). */
export async function readAllProducts(client: Reader): Promise<ProductWithStatus[]> {
  const count = await client.readContract({ address: getDeployment().HashrateNFT, abi: hashrateNftAbi, functionName: 'productCount' });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const products = await readProducts(client, ids);
  return ids.map((id) => products.get(id)!);
}

/** The parameters for loans that start now: the protocol's share of the interest and the grace period. */
export async function readLoanSettings(client: Reader): Promise<{ feeBps: bigint; gracePeriod: bigint }> {
  const address = getDeployment().LoanMarket;
  const [feeBps, gracePeriod] = await Promise.all([
    client.readContract({ address, abi: loanMarketAbi, functionName: 'feeBps' }),
    client.readContract({ address, abi: loanMarketAbi, functionName: 'gracePeriod' }),
  ]);
  return { feeBps, gracePeriod };
}

export type LoanBook = {
  /** Open offers, best first for a borrower (principal desc, then APR asc). */
  offers: LoanPosition[];
  /** Open requests, newest first. */
  requests: LoanPosition[];
  /** The NFTs pledged in open requests. */
  nfts: Map<bigint, NftCollateral>;
  products: ProductWithStatus[];
  chainTime: bigint;
  feeBps: bigint;
  gracePeriod: bigint;
};

/** The offer book and the open requests, with the NFTs requests pledge, every product, and chain time. */
export async function readLoanBook(client: Reader): Promise<LoanBook> {
  const [positions, products, settings, block] = await Promise.all([readPositions(client), readAllProducts(client), readLoanSettings(client), client.getBlock()]);
  const requests = positions.filter((p) => p.state === 'Request').reverse();
  const nfts = await readNftCollaterals(client, requests.filter((p) => p.kind === 'Nft').map((p) => p.collateral));
  return { offers: rankOffers(positions.filter((p) => p.state === 'Offer')), requests, nfts, products, chainTime: block.timestamp, ...settings };
}

/** What repaying active loan `id` costs at the latest block (LoanMarket.amountDue). */
export async function readAmountDue(client: Reader, id: bigint): Promise<AmountDue> {
  const [principal, interest, fee] = await client.readContract({ address: getDeployment().LoanMarket, abi: loanMarketAbi, functionName: 'amountDue', args: [id] });
  return { principal, interest, fee, total: principal + interest };
}

export type MyLoans = ReturnType<typeof positionsOf> & {
  /** Active loans the account borrowed: what repaying costs at the latest block, by position id. */
  due: Map<bigint, AmountDue>;
  /** The NFTs in the account's loans and requests (either side). */
  nfts: Map<bigint, NftCollateral>;
  /** Unclaimed yield of the NFTs the account pledged in active loans and open requests, by token id. */
  claimable: Map<bigint, bigint>;
  /** USDT repayments credited to the account because a transfer to it failed (withdrawCredit). */
  credit: bigint;
  chainTime: bigint;
  feeBps: bigint;
  gracePeriod: bigint;
};

/** The account's loans as borrower and as lender, its open offers and requests, amounts due, yield and credit. */
export async function readMyLoans(client: Reader, account: Address): Promise<MyLoans> {
  const d = getDeployment();
  const [positions, credit, settings, block] = await Promise.all([
    readPositions(client),
    client.readContract({ address: d.LoanMarket, abi: loanMarketAbi, functionName: 'creditOf', args: [account] }),
    readLoanSettings(client),
    client.getBlock(),
  ]);
  const mine = positionsOf(positions, account);
  const activeBorrowing = mine.borrowing.filter((p) => p.state === 'Active');
  const pledged = [...activeBorrowing, ...mine.requests].filter((p) => p.kind === 'Nft').map((p) => p.collateral);
  const nftIds = [...mine.borrowing, ...mine.lending, ...mine.requests].filter((p) => p.kind === 'Nft').map((p) => p.collateral);
  const [dues, nfts, claimables] = await Promise.all([
    inChunks(activeBorrowing, (p) => readAmountDue(client, p.id)),
    readNftCollaterals(client, nftIds),
    inChunks(pledged, (tokenId) => client.readContract({ address: d.YieldDistributor, abi: yieldDistributorAbi, functionName: 'claimable', args: [tokenId] })),
  ]);
  return {
    ...mine,
    due: new Map(activeBorrowing.map((p, i) => [p.id, dues[i]!])),
    nfts,
    claimable: new Map(pledged.map((tokenId, i) => [tokenId, claimables[i]!])),
    credit,
    chainTime: block.timestamp,
    ...settings,
  };
}

/**
 * The open offers NFT `tokenId` meets now, best first (principal desc, then APR asc): the offer's product, or its
 * coin and least hashrate; at least its term left; an Active product. Offers by `borrower` are left out.
 */
export async function bestOffersFor(
  client: Reader,
  tokenId: bigint,
  borrower?: Address,
): Promise<{ offers: LoanPosition[]; nft: NftCollateral; chainTime: bigint; feeBps: bigint; gracePeriod: bigint }> {
  const [positions, nfts, settings, block] = await Promise.all([readPositions(client), readNftCollaterals(client, [tokenId]), readLoanSettings(client), client.getBlock()]);
  const nft = nfts.get(tokenId)!;
  return { offers: matchingOffers(positions, nft, block.timestamp, borrower), nft, chainTime: block.timestamp, ...settings };
}

/** The open request or active loan NFT `tokenId` is pledged in, or null. */
export async function readPledge(client: Reader, tokenId: bigint): Promise<LoanPosition | null> {
  const positions = await readPositions(client);
  return positions.find((p) => p.kind === 'Nft' && p.collateral === tokenId && (p.state === 'Active' || p.state === 'Request')) ?? null;
}
