'use client';

import dynamic from 'next/dynamic';
import { useProductSales } from '@/lib/market/hooks';

// The cards and their purchase (ABIs, the transaction flow) load only when some product is on sale unminted.
const ProductSales = dynamic(() => import('./ProductSales').then((m) => m.ProductSales), { ssr: false });

/** The market's "New issues" (products on sale unminted), or nothing while there are none. */
export function NewIssues() {
  const { data } = useProductSales();
  if (!data || data.sales.length === 0) return null;
  return <ProductSales sales={data.sales} chainTime={BigInt(data.chainTime)} />;
}
