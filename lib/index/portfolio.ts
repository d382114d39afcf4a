// GET /api/portfolio/[address]: the hashrate NFTs an account holds, from the index (no chain history scan).
import { getAddress, type Address } from 'viem';
import { z } from 'zod';
import { productToJson, type ProductJson } from '../market/json';
import type { ProductView } from '../market/types';
import { sql } from 'kysely';
import { address, int, productFromRow, type ProductRow } from './query';
import type { IndexDb } from './store';

export const PORTFOLIO_MAX_LIMIT = 1000;

export const portfolioParamsSchema = z.object({ address });

/** Query string: a page of the holdings in token id order. Unknown parameters are rejected. */
export const portfolioQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(PORTFOLIO_MAX_LIMIT).default(PORTFOLIO_MAX_LIMIT),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type PortfolioQuery = z.output<typeof portfolioQuerySchema>;

export type PortfolioItem = { tokenId: bigint; product: ProductView; listing: { seller: Address; price: bigint } | null };
export type PortfolioPage = { total: number; items: PortfolioItem[] };

type Row = { token_id: bigint; product_id: bigint; listing_price: string | null };

/**
 * The tokens `owner` holds (the index's owner of each token, moved by every Transfer), in id order, with their
 * product and the owner's own fixed-price listing if one is open (live, or stale until the approval returns —
 * as the Marketplace's `listing(id)` reports it). The page's rows are narrow (token, product id, price); its few
 * products are read once each, not copied onto every token.
 */
export async function portfolioOf(db: IndexDb, owner: Address, q: PortfolioQuery): Promise<PortfolioPage> {
  const total = Number((await sql<{ n: bigint }>`SELECT COUNT(*) AS n FROM tokens WHERE owner = ${owner}`.execute(db)).rows[0]!.n);
  const rows = (
    await sql<Row>`SELECT t.token_id, t.token_id / 1000000 AS product_id, CASE WHEN l.seller = t.owner THEN l.price END AS listing_price
       FROM tokens t
       -- A token has at most one open fixed-price listing; the seller test stays out of the join, so both stores
       -- look it up by token (joining on the seller too led SQLite through every listing of the seller).
       LEFT JOIN listings l ON l.token_id = t.token_id AND l.sale_type = 'fixed' AND l.status IN ('live', 'stale')
      WHERE t.owner = ${owner}
      ORDER BY t.token_id
      LIMIT ${int(q.limit)} OFFSET ${int(q.offset)}`.execute(db)
  ).rows;
  const ids = [...new Set(rows.map((r) => Number(r.product_id)))];
  const products = new Map<number, ProductView>();
  if (ids.length) {
    const found = await sql<ProductRow>`SELECT product_id, miner, coin, node_id, hashrate, nft_count, minted, term_start, term_end, daily_yield
       FROM products WHERE product_id IN (${sql.join(ids.map((id) => int(id)))})`.execute(db);
    for (const p of found.rows) products.set(Number(p.product_id), productFromRow(p));
  }
  const seller = getAddress(owner);
  return {
    total,
    items: rows
      .filter((r) => products.has(Number(r.product_id)))
      .map((r) => ({ tokenId: r.token_id, product: products.get(Number(r.product_id))!, listing: r.listing_price ? { seller, price: BigInt(r.listing_price) } : null })),
  };
}

export type PortfolioItemJson = { tokenId: string; product: ProductJson; listing: { seller: Address; price: string } | null };
export type PortfolioResponse = { blockNumber: string; owner: Address; total: number; offset: number; limit: number; items: PortfolioItemJson[] };

export const portfolioItemToJson = (i: PortfolioItem): PortfolioItemJson => ({
  tokenId: i.tokenId.toString(),
  product: productToJson(i.product),
  listing: i.listing && { seller: i.listing.seller, price: i.listing.price.toString() },
});
