import type { Address } from 'viem';
import type { Coin } from '../format/hashrate';
import type { ListingView, ProductView } from './types';

/** JSON shapes of the API: bigints travel as decimal strings. */
export type ProductJson = Omit<ProductView, 'productId' | 'hashratePerNFT' | 'termStart' | 'termEnd' | 'expectedDailyYieldPerUnit'> & {
  productId: string;
  hashratePerNFT: string;
  termStart: string;
  termEnd: string;
  expectedDailyYieldPerUnit: string;
};
export type ListingJson = {
  tokenId: string;
  seller: Address;
  price: string;
  pricePerUnitDay: string;
  daysLeft: string;
  primary: boolean;
  product: ProductJson;
};
export type ListingsResponse = {
  chainTime: string;
  blockNumber: string;
  total: number;
  offset: number;
  limit: number;
  items: ListingJson[];
};

export function productToJson(p: ProductView): ProductJson {
  return {
    ...p,
    productId: p.productId.toString(),
    hashratePerNFT: p.hashratePerNFT.toString(),
    termStart: p.termStart.toString(),
    termEnd: p.termEnd.toString(),
    expectedDailyYieldPerUnit: p.expectedDailyYieldPerUnit.toString(),
  };
}

export function listingToJson(l: ListingView): ListingJson {
  return {
    tokenId: l.tokenId.toString(),
    seller: l.seller,
    price: l.price.toString(),
    pricePerUnitDay: l.pricePerUnitDay.toString(),
    daysLeft: l.daysLeft.toString(),
    primary: l.primary,
    product: productToJson(l.product),
  };
}

export function productFromJson(p: ProductJson): ProductView {
  return {
    ...p,
    coin: p.coin as Coin,
    productId: BigInt(p.productId),
    hashratePerNFT: BigInt(p.hashratePerNFT),
    termStart: BigInt(p.termStart),
    termEnd: BigInt(p.termEnd),
    expectedDailyYieldPerUnit: BigInt(p.expectedDailyYieldPerUnit),
  };
}

export function listingFromJson(l: ListingJson): ListingView {
  return {
    tokenId: BigInt(l.tokenId),
    seller: l.seller,
    price: BigInt(l.price),
    pricePerUnitDay: BigInt(l.pricePerUnitDay),
    daysLeft: BigInt(l.daysLeft),
    primary: l.primary,
    product: productFromJson(l.product),
  };
}
