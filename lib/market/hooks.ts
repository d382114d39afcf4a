'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Address } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock, readContract } from 'wagmi/actions';
import { getDeployment, hashrateNftAbi, marketplaceAbi, minerRegistryAbi, mockUsdtAbi, revenueEscrowAbi, yieldDistributorAbi } from '../chain/contracts';
import { appChain } from '../chain/chains';
import { coinFromIndex } from '../format/hashrate';
import { productFromJson } from './json';
import type { PortfolioResponse } from '../index/portfolio';
import { getJson } from '../index/client';
import { queryKeys } from '../queryKeys';
import { readAuction, type AuctionView } from './auction';
import type { IndexedListingsResponse } from '../index/json';
import { marketPageFromJson } from './marketListing';
import type { ProductView } from './types';
import { productIdOf } from '../nft/metadata';
import { marketStatsFromJson, marketStatsJsonSchema, type MarketStatsJson } from './stats';
import type { ActivityResponse } from '../index/api';

const ZERO = '0x0000000000000000000000000000000000000000';
const chainId = appChain.id;

/** Listings from the API (the event index), with the previous page kept on screen while the next one loads. */
export function useListings(query: Record<string, string>, initialData?: IndexedListingsResponse) {
  return useQuery({
    queryKey: queryKeys.listings(query),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams(
        Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]),
      );
      return getJson<IndexedListingsResponse>(`/api/listings?${params}`, signal);
    },
    select: marketPageFromJson,
    initialData,
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

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

/** Everything the item page shows about one token, read live from the chain. Null when it does not exist. */
export function useTokenState(tokenId: bigint | null) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.token(chainId, tokenId ?? 0n),
    enabled: tokenId !== null,
    refetchInterval: 8_000,
    queryFn: async (): Promise<TokenState | null> => {
      const id = tokenId!;
      const { HashrateNFT, Marketplace, MinerRegistry, YieldDistributor, RevenueEscrow } = getDeployment();
      const productId = productIdOf(id);
      // Every read at one block, so the figures the buyer sees and the claim nonce a purchase commits to agree.
      const block = await getBlock(config);
      const at = { blockNumber: block.number } as const;
      // Owner (zero for a token never minted), first sale and claim nonce in one call: what a purchase checks.
      const [owner, sold, claimNonce] = await readContract(config, { address: HashrateNFT, abi: hashrateNftAbi, functionName: 'saleState', args: [id], ...at });
      if (owner === ZERO) return null;
      const [p, listing, tradingFeeBps, issuanceFeeBps, approvedForAll, approved, applicationId, unclaimedYield, refundable] = await Promise.all([
        readContract(config, { address: HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [productId], ...at }),
        readContract(config, { address: Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [id], ...at }),
        readContract(config, { address: Marketplace, abi: marketplaceAbi, functionName: 'feeBps', ...at }),
        readContract(config, { address: Marketplace, abi: marketplaceAbi, functionName: 'issuanceFeeBps', ...at }),
        readContract(config, { address: HashrateNFT, abi: hashrateNftAbi, functionName: 'isApprovedForAll', args: [owner, Marketplace], ...at }),
        readContract(config, { address: HashrateNFT, abi: hashrateNftAbi, functionName: 'getApproved', args: [id], ...at }),
        readContract(config, { address: MinerRegistry, abi: minerRegistryAbi, functionName: 'productApplication', args: [productId], ...at }),
        readContract(config, { address: YieldDistributor, abi: yieldDistributorAbi, functionName: 'claimable', args: [id], ...at }),
        readContract(config, { address: RevenueEscrow, abi: revenueEscrowAbi, functionName: 'refundable', args: [id], ...at }),
      ]);
      const application =
        applicationId === 0n
          ? null
          : { id: applicationId, name: (await readContract(config, { address: MinerRegistry, abi: minerRegistryAbi, functionName: 'application', args: [applicationId] })).name };
      const listed = listing.seller !== ZERO ? { seller: listing.seller, price: listing.price } : null;
      const auction = owner.toLowerCase() === Marketplace.toLowerCase() ? await readAuction(config, id) : null;
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
    },
  });
}

/** The account's payment-token (USDT) balance. */
export function usePaymentBalance(account: Address | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.paymentBalance(chainId, account ?? ZERO),
    enabled: Boolean(account),
    queryFn: () =>
      readContract(config, { address: getDeployment().PaymentToken, abi: mockUsdtAbi, functionName: 'balanceOf', args: [account!] }),
  });
}

/** How much USDT the marketplace may take from the account. */
export function usePaymentAllowance(account: Address | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.paymentAllowance(chainId, account ?? ZERO),
    enabled: Boolean(account),
    queryFn: () => {
      const d = getDeployment();
      return readContract(config, { address: d.PaymentToken, abi: mockUsdtAbi, functionName: 'allowance', args: [account!, d.Marketplace] });
    },
  });
}

export type OwnedToken = { tokenId: bigint; product: ProductView; listing: { seller: Address; price: bigint } | null };

/**
 * The hashrate NFTs an account holds now, from the index (GET /api/portfolio/[address], a page of up to 1,000 at
 * a time), with their products and the account's own listings. No chain history is read in the browser.
 */
export function useOwnedTokens(account: Address | undefined) {
  return useQuery({
    queryKey: queryKeys.owned(chainId, account ?? ZERO),
    enabled: Boolean(account),
    refetchInterval: 10_000,
    queryFn: async ({ signal }): Promise<OwnedToken[]> => {
      const out: OwnedToken[] = [];
      for (let offset = 0; ; ) {
        const page = await getJson<PortfolioResponse>(`/api/portfolio/${account}?offset=${offset}`, signal);
        for (const i of page.items) {
          out.push({ tokenId: BigInt(i.tokenId), product: productFromJson(i.product), listing: i.listing && { seller: i.listing.seller, price: BigInt(i.listing.price) } });
        }
        offset += page.items.length;
        if (page.items.length === 0 || offset >= page.total) return out;
      }
    },
  });
}

/** The market header's figures (GET /api/market/stats). */
export function useMarketStats(initialData?: MarketStatsJson) {
  return useQuery({
    queryKey: [...queryKeys.listingsAll, 'stats'],
    refetchInterval: 15_000,
    queryFn: async ({ signal }) => marketStatsJsonSchema.parse(await getJson(`/api/market/stats`, signal)),
    select: marketStatsFromJson,
    initialData,
  });
}

/** Recent sales and bids, newest first (GET /api/activity), over the market or one product. */
export function useActivity(opts: { limit: number; product?: bigint; type?: 'sale' | 'bid' }) {
  const params = new URLSearchParams({ limit: String(opts.limit) });
  if (opts.product !== undefined) params.set('product', opts.product.toString());
  if (opts.type) params.set('type', opts.type);
  return useQuery({
    queryKey: [...queryKeys.listingsAll, 'activity', params.toString()],
    refetchInterval: 15_000,
    queryFn: ({ signal }) => getJson<ActivityResponse>(`/api/activity?${params}`, signal),
  });
}
