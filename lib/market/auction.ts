'use client';

import { useQuery } from '@tanstack/react-query';
import { type Address } from 'viem';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { getReadClient } from '../chain/readClient';
import { readAuctionFrom } from './tokenState';
import { appChain } from '../chain/chains';
import { getDeployment } from '../chain/contracts';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { coinFromIndex } from '../format/hashrate';
import { queryKeys } from '../queryKeys';
import type { ProductView } from './types';
import type { IndexedListingsResponse } from '../index/json';
import type { TokenHistoryResponse } from '../index/api';
import { getJson } from '../index/client';
import { productIdOf } from '../nft/metadata';

const chainId = appChain.id;
const ZERO = '0x0000000000000000000000000000000000000000';

/** A live English auction, as the Marketplace stores it. */
export type AuctionView = {
  seller: Address;
  endTime: bigint;
  minIncrementBps: number;
  highestBidder: Address | null;
  highestBid: bigint;
  reservePrice: bigint;
  minNextBid: bigint;
};

/** The token's auction, or null when it is not under auction. */
export async function readAuction(config: ReturnType<typeof useConfig>, tokenId: bigint): Promise<AuctionView | null> {
  return readAuctionFrom(getReadClient(config), tokenId);
}

/** What an outbid bidder can withdraw. */
export function useRefund(account: Address | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.refund(chainId, account ?? ZERO),
    enabled: Boolean(account),
    refetchInterval: 10_000,
    queryFn: () => readContract(config, { address: getDeployment().Marketplace, abi: marketplaceAbi, functionName: 'refundOf', args: [account!] }),
  });
}

export type Bid = { bidder: Address; amount: bigint; time: bigint; block: bigint };
export type Sale = { buyer: Address; seller: Address; price: bigint; time: bigint; kind: 'fixed' | 'auction' };

/** A token's bids and sales, oldest first, with block times, from the index (GET /api/tokens/[id]/history). */
export function useTokenHistory(tokenId: bigint) {
  return useQuery({
    queryKey: queryKeys.tokenHistory(chainId, tokenId),
    refetchInterval: 8_000,
    queryFn: async ({ signal }): Promise<{ bids: Bid[]; sales: Sale[] }> => {
      const h = await getJson<TokenHistoryResponse>(`/api/tokens/${tokenId}/history`, signal);
      return {
        bids: h.bids.map((b) => ({ bidder: b.bidder, amount: BigInt(b.amount), time: BigInt(b.timestamp), block: BigInt(b.blockNumber) })),
        sales: h.sales.map((x) => ({ buyer: x.buyer, seller: x.seller, price: BigInt(x.price), time: BigInt(x.timestamp), kind: x.saleType })),
      };
    },
  });
}

export type MyAuction = { tokenId: bigint; product: ProductView; auction: AuctionView; role: 'seller' | 'highest' | 'outbid' };

/** Auctions the account created or bid on that are not settled yet, running or ended (from the index, checked
 * against the chain: a settled auction is gone from the Marketplace). */
export function useMyAuctions(account: Address | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.myAuctions(chainId, account ?? ZERO),
    enabled: Boolean(account),
    refetchInterval: 10_000,
    queryFn: async ({ signal }): Promise<MyAuction[]> => {
      const { HashrateNFT } = getDeployment();
      // Which live auctions the account created or bid on comes from the index; their state from the chain.
      const [created, bidOn] = await Promise.all(
        (['seller', 'bidder'] as const).map((k) => getJson<IndexedListingsResponse>(`/api/listings?type=auction&status=live,ended&${k}=${account}&limit=100`, signal)),
      );
      const ids = [...new Set([...created!.items, ...bidOn!.items].map((l) => BigInt(l.tokenId)))];
      const rows = await Promise.all(
        ids.map(async (tokenId) => {
          const auction = await readAuction(config, tokenId);
          if (!auction) return null;
          const me = account!.toLowerCase();
          const role: MyAuction['role'] =
            auction.seller.toLowerCase() === me ? 'seller' : auction.highestBidder?.toLowerCase() === me ? 'highest' : 'outbid';
          const p = await readContract(config, { address: HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [productIdOf(tokenId)] });
          return { tokenId, auction, role, product: { ...p, productId: productIdOf(tokenId), coin: coinFromIndex(p.coin) } };
        }),
      );
      return rows.filter((r): r is NonNullable<typeof r> => r !== null).sort((a, b) => (a.auction.endTime < b.auction.endTime ? -1 : 1));
    },
  });
}
