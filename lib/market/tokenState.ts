/**
 * The item page's reader: everything it shows about one token, read at one block, over any viem public client (the
 * browser's hook passes wagmi's, the server page its own for the first paint), so both show the same figures.
 */
import type { Address, PublicClient } from 'viem';
import { getDeployment } from '../chain/contracts';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { minerRegistryAbi } from '../../contracts-abi/MinerRegistry.gen';
import { revenueEscrowAbi } from '../../contracts-abi/RevenueEscrow.gen';
import { yieldDistributorAbi } from '../../contracts-abi/YieldDistributor.gen';
import { coinFromIndex } from '../format/hashrate';
import { productIdOf } from '../nft/metadata';
import type { AuctionView } from './auction';
import type { ProductView } from './types';

const ZERO = '0x0000000000000000000000000000000000000000';

export type Reader = Pick<PublicClient, 'readContract' | 'getBlock'>;

export type TokenState = {
  tokenId: bigint;
  owner: Address;
  product: ProductView;
  listing: { seller: Address; price: bigint } | null;
  /** The listing can be bought: the seller still owns the token and the market may move it. */
  listingActive: boolean;
  /** The live auction when the token is held by the market for one, else null. */
  auction: AuctionView | null;
  /** The market may move this token for its owner (approval for all, or for this token). */
  marketApproved: boolean;
  /** The fee the seller pays on this sale, and whether it is the NFT's primary (first, never-sold) sale, which pays
   * the escrow and the issuance fee, or a resale. */
  feeBps: bigint;
  primarySale: boolean;
  /** Whether the NFT has had its first sale (HashrateNFT.isSold): a never-sold NFT only leaves its miner through a sale. */
  sold: boolean;
  /** HashrateNFT.claimNonce: moves each time value is claimed out of the NFT (escrow refund, yield, insurance
   * payout). A purchase commits to the nonce the buyer saw and fails if the seller claimed since. */
  claimNonce: bigint;
  /** What the NFT carries beyond its hashrate, read in the same block as {@link claimNonce}: its unclaimed yield
   * (in its coin's yield token) and the escrow refund its holder can claim now (USDT, non-zero once halted). */
  unclaimedYield: bigint;
  refundable: bigint;
  /** The DAO-approved miner application the product was minted under (null for products made otherwise). */
  application: { id: bigint; name: string } | null;
  chainTime: bigint;
};

/** The token's auction, or null when it is not under auction. */
export async function readAuctionFrom(client: Pick<PublicClient, 'readContract'>, tokenId: bigint): Promise<AuctionView | null> {
  const { Marketplace } = getDeployment();
  const a = await client.readContract({ address: Marketplace, abi: marketplaceAbi, functionName: 'auction', args: [tokenId] });
  if (a.seller === ZERO) return null;
  const minNextBid = await client.readContract({ address: Marketplace, abi: marketplaceAbi, functionName: 'minNextBid', args: [tokenId] });
  return {
    seller: a.seller,
    endTime: BigInt(a.endTime),
    minIncrementBps: Number(a.minIncrementBps),
    highestBidder: a.highestBidder === ZERO ? null : a.highestBidder,
    highestBid: a.highestBid,
    reservePrice: a.reservePrice,
    minNextBid,
  };
}

/** Everything the item page shows about one token, read at one block. Null when it does not exist. */
export async function readTokenState(client: Reader, id: bigint): Promise<TokenState | null> {
  const { HashrateNFT, Marketplace, MinerRegistry, YieldDistributor, RevenueEscrow } = getDeployment();
  const productId = productIdOf(id);
  // Every read at one block, so the figures the buyer sees and the claim nonce a purchase commits to agree.
  const block = await client.getBlock();
  const at = { blockNumber: block.number } as const;
  // Owner (zero for a token never minted), first sale and claim nonce in one call: what a purchase checks.
  const [owner, sold, claimNonce] = await client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'saleState', args: [id], ...at });
  if (owner === ZERO) return null;
  const [p, listing, tradingFeeBps, issuanceFeeBps, approvedForAll, approved, applicationId, unclaimedYield, refundable] = await Promise.all([
    client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [productId], ...at }),
    client.readContract({ address: Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [id], ...at }),
    client.readContract({ address: Marketplace, abi: marketplaceAbi, functionName: 'feeBps', ...at }),
    client.readContract({ address: Marketplace, abi: marketplaceAbi, functionName: 'issuanceFeeBps', ...at }),
    client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'isApprovedForAll', args: [owner, Marketplace], ...at }),
    client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'getApproved', args: [id], ...at }),
    client.readContract({ address: MinerRegistry, abi: minerRegistryAbi, functionName: 'productApplication', args: [productId], ...at }),
    client.readContract({ address: YieldDistributor, abi: yieldDistributorAbi, functionName: 'claimable', args: [id], ...at }),
    client.readContract({ address: RevenueEscrow, abi: revenueEscrowAbi, functionName: 'refundable', args: [id], ...at }),
  ]);
  const application =
    applicationId === 0n
      ? null
      : { id: applicationId, name: (await client.readContract({ address: MinerRegistry, abi: minerRegistryAbi, functionName: 'application', args: [applicationId] })).name };
  const listed = listing.seller !== ZERO ? { seller: listing.seller, price: listing.price } : null;
  const auction = owner.toLowerCase() === Marketplace.toLowerCase() ? await readAuctionFrom(client, id) : null;
  // The rule of Marketplace.isPrimarySale: a never-sold NFT's sale (whoever sells it) is its primary sale,
  // which pays the escrow and the issuance fee.
  const primarySale = !sold;
  return {
    tokenId: id,
    owner,
    product: { ...p, productId, coin: coinFromIndex(p.coin) },
    listing: listed,
    listingActive: Boolean(listed && listed.seller === owner && (approvedForAll || approved === Marketplace)),
    marketApproved: approvedForAll || approved === Marketplace,
    auction,
    feeBps: primarySale ? issuanceFeeBps : tradingFeeBps,
    primarySale,
    sold,
    claimNonce,
    unclaimedYield,
    refundable,
    application,
    chainTime: block.timestamp,
  };
}
