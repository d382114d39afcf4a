'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Address } from 'viem';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { getReadClient } from '../chain/readClient';
import { getDeployment } from '../chain/contracts';
import { mockUsdtAbi } from '../../contracts-abi/MockUSDT.gen';
import { appChain } from '../chain/chains';
import { productFromJson } from './json';
import type { PortfolioResponse } from '../index/portfolio';
import { getJson } from '../index/client';
import { queryKeys } from '../queryKeys';
import { readTokenState, type TokenState } from './tokenState';
import type { IndexedListingsResponse } from '../index/json';
import { marketPageFromJson } from './marketListing';
import type { ProductView } from './types';
import { marketStatsFromJson, type MarketStatsJson } from './stats';
import type { ActivityResponse } from '../index/api';
import type { ProductSalesJson } from './productSales';

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

export type { TokenState } from './tokenState';

/** Everything the item page shows about one token, read live from the chain. Null when it does not exist.
 * `initialData`: the server's read of the same (the first paint), fresh as of `initialReadAt` (ms since the epoch;
 * 0, the default, refreshes it at once in the browser). */
export function useTokenState(tokenId: bigint | null, initialData?: TokenState | null, initialReadAt = 0) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.token(chainId, tokenId ?? 0n),
    enabled: tokenId !== null,
    refetchInterval: 8_000,
    initialData,
    initialDataUpdatedAt: initialReadAt,
    queryFn: () => readTokenState(getReadClient(config), tokenId!),
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
    queryFn: ({ signal }) => getJson<MarketStatsJson>(`/api/market/stats`, signal),
    select: marketStatsFromJson,
    initialData,
  });
}

/** The products whose NFTs are on sale unminted, with NFTs left (GET /api/market/product-sales). */
/** The query key of the products on sale unminted (under the listings, so a purchase's invalidation reaches it). */
export const productSalesKey = [...queryKeys.listingsAll, 'product-sales'] as const;

export function useProductSales() {
  return useQuery({
    queryKey: productSalesKey,
    refetchInterval: 15_000,
    queryFn: ({ signal }) => getJson<ProductSalesJson>(`/api/market/product-sales`, signal),
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
