import { connection } from 'next/server';
import { handleProductSales } from '@/lib/index/handlers';

/**
 * GET /api/market/product-sales — the products whose NFTs are on sale unminted (each buyer gets the next one, minted
 * to it: Marketplace `buyProduct`), with NFTs left: price in USDT base units, next token id, how many are left and
 * the product's terms. 503 when the chain cannot be reached.
 */
export async function GET() {
  await connection();
  return handleProductSales();
}
