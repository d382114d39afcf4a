import { MarketView } from '@/components/market/MarketView';
import { listingsResponse } from '@/lib/index/api';
import { indexListingsQuerySchema } from '@/lib/index/query';
import type { IndexedListingsResponse } from '@/lib/index/json';
import { marketUrlToQuery, parseMarketUrl } from '@/lib/market/urlQuery';

/** The market: listings rendered on the server for the first paint, then kept fresh by the browser. */
export default async function MarketPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const urlState = parseMarketUrl(await searchParams);
  const query = indexListingsQuerySchema.parse(marketUrlToQuery(urlState));
  let initialData: IndexedListingsResponse | undefined;
  try {
    initialData = await listingsResponse(query); // from the listing index, like GET /api/listings
  } catch {
    initialData = undefined; // the browser retries and shows the error in words
  }
  return <MarketView initialState={urlState} initialData={initialData} />;
}
