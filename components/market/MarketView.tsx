'use client';

import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { COINS } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { useListings } from '@/lib/market/hooks';
import type { ListingsResponse } from '@/lib/market/json';
import { LISTING_SORTS } from '@/lib/market/query';
import { PAGE_SIZE, marketUrlToQuery, marketUrlToSearch, parseMarketUrl, type MarketUrlState } from '@/lib/market/urlQuery';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { ListingCard } from './ListingCard';

const selectClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export function MarketView({ initialState, initialData }: { initialState: MarketUrlState; initialData?: ListingsResponse }) {
  const { t } = useI18n();
  const searchParams = useSearchParams();
  const state = useMemo(() => parseMarketUrl(new URLSearchParams(searchParams.toString())), [searchParams]);
  const query = marketUrlToQuery(state);
  const sameAsServer = marketUrlToSearch(state) === marketUrlToSearch(initialState);
  const { data, error, isPending, isFetching, refetch } = useListings(query, sameAsServer ? initialData : undefined);

  // Filters live in the URL: shareable, and the back button walks through them.
  const update = (patch: Partial<MarketUrlState>) => {
    const next = { ...state, page: 1, ...patch };
    window.history.pushState(null, '', `/${marketUrlToSearch(next)}`);
  };
  const filtered = Boolean(state.coin || state.sale);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('market.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('market.subtitle')}</p>
      </div>

      <div className="flex flex-wrap items-end gap-4 rounded-xl border border-slate-200 bg-white p-4">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t('market.filter.coin')}
          <select className={selectClass} value={state.coin ?? ''} onChange={(e) => update({ coin: (e.target.value || undefined) as MarketUrlState['coin'] })}>
            <option value="">{t('market.filter.allCoins')}</option>
            {COINS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t('market.filter.sale')}
          <select className={selectClass} value={state.sale ?? ''} onChange={(e) => update({ sale: (e.target.value || undefined) as MarketUrlState['sale'] })}>
            <option value="">{t('market.filter.allSales')}</option>
            <option value="primary">{t('market.filter.primary')}</option>
            <option value="resale">{t('market.filter.resale')}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          {t('market.sort')}
          <select className={selectClass} value={state.sort} onChange={(e) => update({ sort: e.target.value as MarketUrlState['sort'] })}>
            {LISTING_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`market.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="ml-auto text-sm text-slate-600" aria-live="polite" data-testid="listing-count">
          {data ? (data.total === 1 ? t('market.countOne') : t('market.count', { count: data.total })) : null}
          {isFetching && !isPending ? <span className="ml-2 text-slate-400">{t('common.loading')}</span> : null}
        </p>
      </div>

      {error && !data ? (
        <ErrorBox message={t('market.error', { reason: error.message })} onRetry={() => refetch()} />
      ) : isPending ? (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy="true" aria-label={t('common.loading')}>
          {Array.from({ length: 6 }, (_, i) => (
            <li key={i} className="h-56 animate-pulse rounded-xl border border-slate-200 bg-white" />
          ))}
        </ul>
      ) : data && data.listings.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          <p>{filtered ? t('market.empty') : t('market.emptyAll')}</p>
          {filtered ? (
            <Button variant="secondary" className="mt-4" onClick={() => update({ coin: undefined, sale: undefined })}>
              {t('market.clearFilters')}
            </Button>
          ) : null}
        </div>
      ) : data ? (
        <>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="listing-grid">
            {data.listings.map((l) => (
              <li key={l.tokenId.toString()}>
                <ListingCard listing={l} />
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <nav className="flex items-center justify-center gap-3" aria-label={t('market.page', { page: state.page, pages })}>
              <Button variant="secondary" disabled={state.page <= 1} onClick={() => update({ page: state.page - 1 })}>
                {t('market.prev')}
              </Button>
              <span className="text-sm text-slate-600">{t('market.page', { page: state.page, pages })}</span>
              <Button variant="secondary" disabled={state.page >= pages} onClick={() => update({ page: state.page + 1 })}>
                {t('market.next')}
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
