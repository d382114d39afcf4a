import { MarketView } from '@/components/market/MarketView';
import { getMarket } from '@/lib/market/read';
import { applyListingsQuery, listingsQuerySchema } from '@/lib/market/query';
import { listingToJson, type ListingsResponse } from '@/lib/market/json';
import { marketUrlToQuery, parseMarketUrl } from '@/lib/market/urlQuery';

/** The market: listings rendered on the server for the first paint, then kept fresh by the browser. */
export default async function MarketPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const urlState = parseMarketUrl(await searchParams);
  const query = listingsQuerySchema.parse(marketUrlToQuery(urlState));
  let initialData: ListingsResponse | undefined;
  try {
    const market = await getMarket();
    const { total, items } = applyListingsQuery(market.listings, query);
    initialData = {
      chainTime: market.chainTime.toString(),
      blockNumber: market.blockNumber.toString(),
      total,
      offset: query.offset,
      limit: query.limit,
      items: items.map(listingToJson),
    };
  } catch {
    initialData = undefined; // the browser retries and shows the error in words
  }
  return <MarketView initialState={urlState} initialData={initialData} />;
}
