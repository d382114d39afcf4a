// A product's NFTs on sale unminted, as GET /api/market/product-sales serves them (lib/index/api).

/** A product's NFTs on sale unminted (Marketplace `buyProduct` mints the next one to its buyer), as the API serves it. */
export type ProductSaleJson = {
  productId: string;
  seller: string;
  minerName: string | null;
  coin: string;
  nodeId: string;
  hashrate: number;
  nftCount: number;
  price: string;
  nextTokenId: string;
  remaining: number;
  termStart: number;
  termEnd: number;
  dailyYield: string;
};

/** The response of GET /api/market/product-sales. */
export type ProductSalesJson = { chainTime: string; sales: ProductSaleJson[] };
