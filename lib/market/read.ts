import 'server-only';
import type { Address } from 'viem';
import { getServerClient } from '../chain/serverClient';
import { getDeployment } from '../chain/contracts';
import { hashrateNftAbi } from '../../contracts-abi/HashrateNFT.gen';
import { marketplaceAbi } from '../../contracts-abi/Marketplace.gen';
import { coinFromIndex } from '../format/hashrate';
import { termDaysLeft } from '../format/time';
import { serverEnv } from '../serverEnv';
import { pricePerUnitDay } from './pricing';
import type { ListingView, MarketSnapshot, ProductView } from './types';
import { tokenIdOf } from '../nft/metadata';

/** Reads every product from the chain. */
export async function readProducts(client = getServerClient()): Promise<ProductView[]> {
  const { HashrateNFT } = getDeployment();
  const count = await client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'productCount' });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const products = await Promise.all(
    ids.map((id) => client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'product', args: [id] })),
  );
  return products.map((p, i) => ({
    productId: ids[i]!,
    miner: p.miner,
    coin: coinFromIndex(p.coin),
    nodeId: p.nodeId,
    hashratePerNFT: p.hashratePerNFT,
    nftCount: p.nftCount,
    minted: p.minted,
    termStart: p.termStart,
    termEnd: p.termEnd,
    expectedDailyYieldPerUnit: p.expectedDailyYieldPerUnit,
  }));
}

/**
 * Reads every active fixed-price listing straight from the chain: for each minted token its listing and
 * owner, then the sellers' approvals. A listing whose token left the seller, or whose approval was revoked,
 * is not buyable and is left out. (The event index of a later issue replaces this full scan.)
 */
export async function readMarket(): Promise<MarketSnapshot> {
  const client = getServerClient();
  const { HashrateNFT, Marketplace } = getDeployment();
  const [block, products] = await Promise.all([client.getBlock(), readProducts(client)]);

  const tokens: { tokenId: bigint; product: ProductView }[] = [];
  for (const product of products) {
    for (let serial = 1n; serial <= BigInt(product.minted); serial++) {
      tokens.push({ tokenId: tokenIdOf(product.productId, serial), product });
    }
  }
  const listings = await Promise.all(
    tokens.map(({ tokenId }) =>
      client.readContract({ address: Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [tokenId] }),
    ),
  );
  const listed = tokens
    .map((t, i) => ({ ...t, seller: listings[i]!.seller, price: listings[i]!.price }))
    .filter((t) => t.seller !== '0x0000000000000000000000000000000000000000');

  const owners = await Promise.all(
    listed.map(({ tokenId }) => client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'ownerOf', args: [tokenId] })),
  );
  const owned = listed.filter((t, i) => owners[i] === t.seller);
  const sellers = [...new Set(owned.map((t) => t.seller))];
  const approvedForAll = new Map<Address, boolean>(
    await Promise.all(
      sellers.map(async (seller) => [
        seller,
        await client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'isApprovedForAll', args: [seller, Marketplace] }),
      ] as const),
    ),
  );
  const [approvals, sold] = await Promise.all([
    Promise.all(
      owned.map((t) =>
        approvedForAll.get(t.seller)
          ? Marketplace
          : client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'getApproved', args: [t.tokenId] }),
      ),
    ),
    Promise.all(owned.map((t) => client.readContract({ address: HashrateNFT, abi: hashrateNftAbi, functionName: 'isSold', args: [t.tokenId] }))),
  ]);

  const now = block.timestamp;
  const active: ListingView[] = owned
    .map((t, i) => ({ ...t, sold: sold[i]! }))
    .filter((_, i) => approvals[i] === Marketplace)
    .map((t) => ({
      tokenId: t.tokenId,
      seller: t.seller,
      price: t.price,
      pricePerUnitDay: pricePerUnitDay(t.price, t.product.hashratePerNFT, t.product.termStart, t.product.termEnd, now),
      daysLeft: termDaysLeft(t.product.termStart, t.product.termEnd, now),
      primary: !t.sold, // Marketplace.isPrimarySale: the NFT has never been sold
      product: t.product,
    }));
  return { chainTime: now, blockNumber: block.number, listings: active };
}

let cache: { at: number; value: Promise<MarketSnapshot> } | null = null;

/** {readMarket} behind a short time-to-live cache shared by concurrent requests (LISTINGS_CACHE_MS). */
export function getMarket(): Promise<MarketSnapshot> {
  const ttl = serverEnv().LISTINGS_CACHE_MS;
  const now = Date.now();
  if (cache && now - cache.at < ttl) return cache.value;
  const value = readMarket();
  cache = { at: now, value };
  value.catch(() => {
    if (cache?.value === value) cache = null; // never cache a failure
  });
  return value;
}
