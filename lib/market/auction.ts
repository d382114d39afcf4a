'use client';

import { useQuery } from '@tanstack/react-query';
import { type Address } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock, getPublicClient, readContract } from 'wagmi/actions';
import { appChain } from '../chain/chains';
import { getDeployment, hashrateNftAbi, marketplaceAbi } from '../chain/contracts';
import { coinFromIndex } from '../format/hashrate';
import { queryKeys } from '../queryKeys';
import type { ProductView } from './types';
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
  const { Marketplace } = getDeployment();
  const a = await readContract(config, { address: Marketplace, abi: marketplaceAbi, functionName: 'auction', args: [tokenId] });
  if (a.seller === ZERO) return null;
  const minNextBid = await readContract(config, { address: Marketplace, abi: marketplaceAbi, functionName: 'minNextBid', args: [tokenId] });
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

/** A token's bids and sales from the chain's events, oldest first, with block times. */
export function useTokenHistory(tokenId: bigint) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.tokenHistory(chainId, tokenId),
    refetchInterval: 8_000,
    queryFn: async (): Promise<{ bids: Bid[]; sales: Sale[] }> => {
      const { Marketplace, startBlock } = getDeployment();
      const client = getPublicClient(config)!;
      const range = { address: Marketplace, abi: marketplaceAbi, args: { tokenId }, fromBlock: BigInt(startBlock), toBlock: 'latest' } as const;
      const [bids, sold, settled] = await Promise.all([
        client.getContractEvents({ ...range, eventName: 'BidPlaced' }),
        client.getContractEvents({ ...range, eventName: 'Sold' }),
        client.getContractEvents({ ...range, eventName: 'AuctionSettled' }),
      ]);
      const blocks = [...new Set([...bids, ...sold, ...settled].map((l) => l.blockNumber))];
      const times = new Map(await Promise.all(blocks.map(async (b) => [b, (await getBlock(config, { blockNumber: b })).timestamp] as const)));
      const at = (b: bigint) => times.get(b) ?? 0n;
      return {
        bids: bids.map((l) => ({ bidder: l.args.bidder!, amount: l.args.amount!, time: at(l.blockNumber), block: l.blockNumber })),
        sales: [
          ...sold.map((l) => ({ buyer: l.args.buyer!, seller: l.args.seller!, price: l.args.price!, time: at(l.blockNumber), kind: 'fixed' as const })),
          ...settled
            .filter((l) => l.args.winner !== ZERO)
            .map((l) => ({ buyer: l.args.winner!, seller: l.args.seller!, price: l.args.amount!, time: at(l.blockNumber), kind: 'auction' as const })),
        ].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)),
      };
    },
  });
}

export type MyAuction = { tokenId: bigint; product: ProductView; auction: AuctionView; role: 'seller' | 'highest' | 'outbid' };

/** Live auctions the account created or bid on (from AuctionCreated / BidPlaced events, checked against state). */
export function useMyAuctions(account: Address | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: queryKeys.myAuctions(chainId, account ?? ZERO),
    enabled: Boolean(account),
    refetchInterval: 10_000,
    queryFn: async (): Promise<MyAuction[]> => {
      const { Marketplace, HashrateNFT, startBlock } = getDeployment();
      const client = getPublicClient(config)!;
      const range = { address: Marketplace, abi: marketplaceAbi, fromBlock: BigInt(startBlock), toBlock: 'latest' } as const;
      const [created, bids] = await Promise.all([
        client.getContractEvents({ ...range, eventName: 'AuctionCreated', args: { seller: account } }),
        client.getContractEvents({ ...range, eventName: 'BidPlaced', args: { bidder: account } }),
      ]);
      const ids = [...new Set([...created, ...bids].map((l) => l.args.tokenId!))];
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
