import type { Address } from 'viem';
import type { IndexedListingJson, IndexedListingsResponse } from '../index/json';
import { listingFromJson } from './json';
import type { ListingView } from './types';

/** A listing as the market page shows it: the fixed-price fields, plus the auction's state for an auction. */
export type MarketListing = ListingView & {
  saleType: 'fixed' | 'auction';
  minerName: string | null;
  auction: {
    reservePrice: bigint;
    endTime: bigint;
    highestBid: bigint | null;
    highestBidder: Address | null;
    bidCount: number;
    minNextBid: bigint;
  } | null;
};

export function marketListingFromJson(l: IndexedListingJson): MarketListing {
  return {
    ...listingFromJson(l),
    saleType: l.saleType,
    minerName: l.minerName,
    auction: l.auction && {
      reservePrice: BigInt(l.auction.reservePrice),
      endTime: BigInt(l.auction.endTime),
      highestBid: l.auction.highestBid === null ? null : BigInt(l.auction.highestBid),
      highestBidder: l.auction.highestBidder,
      bidCount: l.auction.bidCount,
      minNextBid: BigInt(l.auction.minNextBid),
    },
  };
}

export type MarketPage = Omit<IndexedListingsResponse, 'items' | 'chainTime'> & { chainTime: bigint; listings: MarketListing[] };

export function marketPageFromJson(r: IndexedListingsResponse): MarketPage {
  const { items, chainTime, ...rest } = r;
  return { ...rest, chainTime: BigInt(chainTime), listings: items.map(marketListingFromJson) };
}
