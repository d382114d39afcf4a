'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { IndexedListingsResponse } from '@/lib/index/json';
import { useI18n } from '@/lib/i18n/client';
import { useListings } from '@/lib/market/hooks';
import { useProductHealths } from '@/lib/escrow/hooks';
import { useFilPrice } from '@/lib/yield/useFilPrice';
import {
  MARKET_SORTS,
  PAGE_SIZE,
  activeFilterCount,
  clearedFilters,
  marketUrlToQuery,
  marketUrlToSearch,
  parseMarketUrl,
  type MarketUrlState,
} from '@/lib/market/urlQuery';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { ListingCard } from './ListingCard';
import { MarketFilters } from './MarketFilters';
import { NewIssues } from './NewIssues';
import { MarketHeader } from './MarketHeader';
import { ActivityFeed } from './ActivityFeed';
import { FilPriceInput } from '../ui/FilPriceInput';
import type { MarketStatsJson } from '@/lib/market/stats';

const selectClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** The views above the grid: all listings, auctions only, and auctions by time left. */
const VIEWS = [
  { key: 'all', patch: { type: undefined } },
  { key: 'auctions', patch: { type: 'auction' } },
  { key: 'ending', patch: { type: 'auction', sort: 'ending_soon' } },
] as const satisfies readonly { key: string; patch: Partial<MarketUrlState> }[];

function viewOf(s: MarketUrlState): (typeof VIEWS)[number]['key'] | null {
  if (s.type === 'auction') return s.sort === 'ending_soon' ? 'ending' : 'auctions';
  return s.type === undefined ? 'all' : null;
}

export function MarketView({ initialState, initialData, initialStats }: { initialState: MarketUrlState; initialData?: IndexedListingsResponse; initialStats?: MarketStatsJson }) {
  const { t } = useI18n();
  const searchParams = useSearchParams();
  const routerSearch = searchParams.toString();
  // The URL we pushed ourselves (and the router's URL when we did). Next syncs useSearchParams with
  // history.pushState only once its router has installed its history hooks; a filter chosen in the instant
  // between hydration and that would otherwise change the URL but not the list. A newer router URL wins.
  const [pushed, setPushed] = useState<{ base: string; search: string } | null>(null);
  const routerSearchRef = useRef(routerSearch);
  useEffect(() => {
    routerSearchRef.current = routerSearch;
  }, [routerSearch]);
  useEffect(() => {
    const onPop = () => setPushed({ base: routerSearchRef.current, search: window.location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const search = pushed && pushed.base === routerSearch ? pushed.search : routerSearch;
  const state = useMemo(() => parseMarketUrl(new URLSearchParams(search)), [search]);
  const query = marketUrlToQuery(state);
  const sameAsServer = marketUrlToSearch(state) === marketUrlToSearch(initialState);
  const { data, error, isPending, isFetching, refetch } = useListings(query, sameAsServer ? initialData : undefined);
  const health = useProductHealths(data?.listings.map((l) => l.product.productId) ?? []);
  const filPrice = useFilPrice();
  const [filtersOpen, setFiltersOpen] = useState(false);

  // Filters live in the URL: shareable, and the back button walks through them.
  const update = (next: MarketUrlState) => {
    const nextSearch = marketUrlToSearch(next);
    window.history.pushState(null, '', `/${nextSearch}`);
    setPushed({ base: routerSearch, search: nextSearch });
  };
  const patch = (p: Partial<MarketUrlState>) => update({ ...state, page: 1, ...p });
  const filterCount = activeFilterCount(state);
  const filtered = filterCount > 0;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const view = viewOf(state);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('market.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('market.subtitle')}</p>
      </div>
      <MarketHeader initialData={initialStats} />
      <NewIssues />

      <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
        {/* On a phone the filters fold away behind a button, so the listings come first. */}
        <div>
          <Button
            variant="secondary"
            className="w-full lg:hidden"
            aria-expanded={filtersOpen}
            aria-controls="market-filters"
            onClick={() => setFiltersOpen((o) => !o)}
            data-testid="toggle-filters"
          >
            {filtered ? t('market.filter.titleCount', { count: filterCount }) : t('market.filter.title')} {filtersOpen ? '▴' : '▾'}
          </Button>
          <div id="market-filters" className={filtersOpen ? 'mt-3 lg:mt-0' : 'hidden lg:block'}>
            <MarketFilters state={state} update={update} />
          </div>
        </div>

        <div className="min-w-0 space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <nav className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm" aria-label={t('market.views')}>
              {VIEWS.map((v) => (
                <Link
                  key={v.key}
                  href={`/${marketUrlToSearch({ ...state, page: 1, ...v.patch, ...(v.key === 'auctions' && state.sort === 'ending_soon' ? { sort: 'unit_price_asc' } : {}) })}`}
                  aria-current={view === v.key ? 'page' : undefined}
                  data-testid={`view-${v.key}`}
                  className={`rounded-md px-3 py-1 ${view === v.key ? 'bg-white font-medium shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
                >
                  {t(`market.view.${v.key}`)}
                </Link>
              ))}
            </nav>
            <label className="flex items-center gap-2 text-xs font-medium text-slate-600">
              {t('market.sort')}
              <select className={selectClass} value={state.sort} onChange={(e) => patch({ sort: e.target.value as MarketUrlState['sort'] })} data-testid="sort">
                {MARKET_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`market.sort.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <FilPriceInput
              price={filPrice}
              label={t('market.filPrice')}
              title={t('earn.source')}
              className="flex items-center gap-2 text-xs font-medium text-slate-600"
              inputClassName="w-16 bg-white py-1.5"
              testId="market-fil-price"
            />
            <p className="ml-auto text-sm text-slate-600" aria-live="polite" data-testid="listing-count">
              {data ? (data.total === 1 ? t('market.countOne') : t('market.count', { count: data.total })) : null}
              {isFetching && !isPending ? <span className="ml-2 text-slate-400">{t('common.loading')}</span> : null}
            </p>
          </div>

          {error && !data ? (
            <ErrorBox message={t('market.error', { reason: error.message })} onRetry={() => refetch()} />
          ) : isPending ? (
            <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-busy="true" aria-label={t('common.loading')}>
              {Array.from({ length: 6 }, (_, i) => (
                <li key={i} className="h-56 animate-pulse rounded-xl border border-slate-200 bg-white" />
              ))}
            </ul>
          ) : data && data.listings.length === 0 ? (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
              <p>{filtered ? t('market.empty') : t('market.emptyAll')}</p>
              {filtered ? (
                <Button variant="secondary" className="mt-4" onClick={() => update(clearedFilters(state))}>
                  {t('market.clearFilters')}
                </Button>
              ) : null}
            </div>
          ) : data ? (
            <>
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="listing-grid">
                {data.listings.map((l) => (
                  <li key={l.tokenId.toString()}>
                    <ListingCard listing={l} health={health.data?.get(l.product.productId)} healthLoading={health.isPending} filPrice={filPrice.value} now={data.chainTime} />
                  </li>
                ))}
              </ul>
              {pages > 1 ? (
                <nav className="flex items-center justify-center gap-3" aria-label={t('market.page', { page: state.page, pages })}>
                  <Button variant="secondary" disabled={state.page <= 1} onClick={() => patch({ page: state.page - 1 })}>
                    {t('market.prev')}
                  </Button>
                  <span className="text-sm text-slate-600">{t('market.page', { page: state.page, pages })}</span>
                  <Button variant="secondary" disabled={state.page >= pages} onClick={() => patch({ page: state.page + 1 })} data-testid="next-page">
                    {t('market.next')}
                  </Button>
                </nav>
              ) : null}
            </>
          ) : null}
          <ActivityFeed />
        </div>
      </div>
    </div>
  );
}
