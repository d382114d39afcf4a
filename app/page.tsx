import { MarketView } from '@/components/market/MarketView';
import { listingsResponse, marketStatsResponse } from '@/lib/index/api';
import type { MarketStatsJson } from '@/lib/market/stats';
import { indexListingsQuerySchema } from '@/lib/index/query';
import type { IndexedListingsResponse } from '@/lib/index/json';
import { marketUrlToQuery, parseMarketUrl } from '@/lib/market/urlQuery';

/** The market: listings rendered on the server for the first paint, then kept fresh by the browser. */
export default async function MarketPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const urlState = parseMarketUrl(await searchParams);
  const query = indexListingsQuerySchema.parse(marketUrlToQuery(urlState));
  let initialData: IndexedListingsResponse | undefined;
  let initialStats: MarketStatsJson | undefined;
  try {
    // From the listing index, like GET /api/listings and /api/market/stats: the first paint has its figures.
    [initialData, initialStats] = await Promise.all([listingsResponse(query), marketStatsResponse()]);
  } catch {
    initialData = undefined; // the browser retries and shows the error in words
  }
  return <MarketView initialState={urlState} initialData={initialData} initialStats={initialStats} />;
}
