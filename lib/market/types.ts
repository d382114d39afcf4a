import type { Address } from 'viem';
import type { Coin } from '../format/hashrate';

/** A product's attributes as the app uses them (bigints; JSON carries them as decimal strings). */
export type ProductView = {
  productId: bigint;
  miner: Address;
  coin: Coin;
  nodeId: string;
  hashratePerNFT: bigint;
  nftCount: number;
  minted: number;
  termStart: bigint;
  termEnd: bigint;
  /** Unix time the product was created (activation) and its last NFT minted (0 until then); chain reads carry them. */
  createdAt?: bigint;
  mintedOutAt?: bigint;
  expectedDailyYieldPerUnit: bigint;
};

/** An active, buyable fixed-price listing: the seller still owns the token and the approval stands. */
export type ListingView = {
  tokenId: bigint;
  seller: Address;
  price: bigint;
  /** Payment token base units per whole hashrate unit per day of the term left. */
  pricePerUnitDay: bigint;
  /** Whole days of term left at chain time. */
  daysLeft: bigint;
  /** True when the NFT has never been sold (its first sale: the escrow and the issuance fee), whoever sells it. */
  primary: boolean;
  product: ProductView;
};

export type MarketSnapshot = { chainTime: bigint; blockNumber: bigint; listings: ListingView[] };
