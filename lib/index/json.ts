// JSON shapes of the index's API: bigints travel as decimal strings. A listing keeps the fields of
// lib/market/json's ListingJson (what the market page reads) and adds the index's own.
import type { Address } from 'viem';
import { listingToJson, type ListingJson } from '../market/json';
import type { ActivityItem, BidView, IndexedListing, ListingStatus, SaleView } from './query';

export type AuctionJson = {
  reservePrice: string;
  endTime: string;
  minIncrementBps: string;
  highestBid: string | null;
  highestBidder: Address | null;
  bidCount: number;
  minNextBid: string;
  winner: Address | null;
};

export type IndexedListingJson = ListingJson & {
  listingId: string;
  saleType: 'fixed' | 'auction';
  status: ListingStatus;
  listedAt: string;
  listedBlock: string;
  expectedYieldLeft: string;
  minerName: string | null;
  auction: AuctionJson | null;
};

export type IndexedListingsResponse = {
  chainTime: string;
  blockNumber: string;
  total: number;
  offset: number;
  limit: number;
  items: IndexedListingJson[];
  /** Pass as `cursor` (with the same filters and sort) for the next page; null on the last page. */
  nextCursor: string | null;
};

export function indexedListingToJson(l: IndexedListing): IndexedListingJson {
  return {
    ...listingToJson(l),
    listingId: l.listingId.toString(),
    saleType: l.saleType,
    status: l.status,
    listedAt: l.listedAt.toString(),
    listedBlock: l.listedBlock.toString(),
    expectedYieldLeft: l.expectedYieldLeft.toString(),
    minerName: l.minerName,
    auction: l.auction && {
      reservePrice: l.auction.reservePrice.toString(),
      endTime: l.auction.endTime.toString(),
      minIncrementBps: l.auction.minIncrementBps.toString(),
      highestBid: l.auction.highestBid?.toString() ?? null,
      highestBidder: l.auction.highestBidder,
      bidCount: l.auction.bidCount,
      minNextBid: l.auction.minNextBid.toString(),
      winner: l.auction.winner,
    },
  };
}

export type BidJson = { listingId: string; tokenId: string; bidder: Address; amount: string; endTime: string; blockNumber: string; txHash: string; timestamp: string };
export type SaleJson = { listingId: string; tokenId: string; saleType: 'fixed' | 'auction'; seller: Address; buyer: Address; price: string; fee: string; blockNumber: string; txHash: string; timestamp: string };

export const bidToJson = (b: BidView): BidJson => ({
  listingId: b.listingId.toString(),
  tokenId: b.tokenId.toString(),
  bidder: b.bidder,
  amount: b.amount.toString(),
  endTime: b.endTime.toString(),
  blockNumber: b.blockNumber.toString(),
  txHash: b.txHash,
  timestamp: b.timestamp.toString(),
});

export const saleToJson = (s: SaleView): SaleJson => ({
  listingId: s.listingId.toString(),
  tokenId: s.tokenId.toString(),
  saleType: s.saleType,
  seller: s.seller,
  buyer: s.buyer,
  price: s.price.toString(),
  fee: s.fee.toString(),
  blockNumber: s.blockNumber.toString(),
  txHash: s.txHash,
  timestamp: s.timestamp.toString(),
});

export type ActivityJson = ({ kind: 'sale' } & SaleJson) | ({ kind: 'bid' } & BidJson);
export const activityToJson = (a: ActivityItem): ActivityJson => (a.kind === 'sale' ? { kind: 'sale', ...saleToJson(a) } : { kind: 'bid', ...bidToJson(a) });
