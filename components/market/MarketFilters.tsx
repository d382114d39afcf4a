'use client';

import { useState, type FormEvent } from 'react';
import { formatUnits } from 'viem';
import { PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { parseAmount } from '@/lib/format/amount';
import { COINS } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';
import { activeFilterCount, clearedFilters, type MarketUrlState } from '@/lib/market/urlQuery';
import { Button } from '../ui/Button';

const inputClass = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500';
const labelClass = 'flex flex-col gap-1 text-xs font-medium text-slate-600';

type RangeKey = 'minPrice' | 'maxPrice' | 'minUnit' | 'maxUnit' | 'minDays' | 'maxDays';
type Draft = Record<RangeKey | 'q', string>;

const toDraft = (s: MarketUrlState): Draft => ({
  q: s.q ?? '',
  minPrice: s.minPrice === undefined ? '' : formatUnits(s.minPrice, PAYMENT_DECIMALS),
  maxPrice: s.maxPrice === undefined ? '' : formatUnits(s.maxPrice, PAYMENT_DECIMALS),
  minUnit: s.minUnit === undefined ? '' : formatUnits(s.minUnit, PAYMENT_DECIMALS),
  maxUnit: s.maxUnit === undefined ? '' : formatUnits(s.maxUnit, PAYMENT_DECIMALS),
  minDays: s.minDays === undefined ? '' : String(s.minDays),
  maxDays: s.maxDays === undefined ? '' : String(s.maxDays),
});

/**
 * The market's filter sidebar. Choices (coin, sale, type) apply at once; typed values (search, ranges) apply
 * with the Apply button or Enter, so each keystroke does not add a history entry. Everything lives in the URL.
 */
export function MarketFilters({ state, update }: { state: MarketUrlState; update: (next: MarketUrlState) => void }) {
  const { t } = useI18n();
  // Until hydration the controls have no handlers: a choice made then would be lost, so they wait disabled.
  const ready = useMounted();
  const [draft, setDraft] = useState<Draft>(() => toDraft(state));
  const [error, setError] = useState<string | null>(null);
  // The URL changed from outside (back button, a link, "clear"): show what it says.
  // (Adjusted while rendering, as React recommends, not in an effect: no render with the stale draft.)
  const urlKey = JSON.stringify(toDraft(state));
  const [shownKey, setShownKey] = useState(urlKey);
  if (shownKey !== urlKey) {
    setShownKey(urlKey);
    setDraft(JSON.parse(urlKey) as Draft);
    setError(null);
  }

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const choose = (patch: Partial<MarketUrlState>) => update({ ...state, ...patch, page: 1 });

  function apply(e: FormEvent) {
    e.preventDefault();
    const amount = (v: string) => (v.trim() === '' ? undefined : parseAmount(v, PAYMENT_DECIMALS));
    const days = (v: string) => (v.trim() === '' ? undefined : /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : null);
    const next: MarketUrlState = {
      ...state,
      page: 1,
      q: draft.q.trim() || undefined,
      minPrice: amount(draft.minPrice) ?? undefined,
      maxPrice: amount(draft.maxPrice) ?? undefined,
      minUnit: amount(draft.minUnit) ?? undefined,
      maxUnit: amount(draft.maxUnit) ?? undefined,
      minDays: days(draft.minDays) ?? undefined,
      maxDays: days(draft.maxDays) ?? undefined,
    };
    const bad = (['minPrice', 'maxPrice', 'minUnit', 'maxUnit'] as const).some((k) => amount(draft[k]) === null) ||
      (['minDays', 'maxDays'] as const).some((k) => days(draft[k]) === null);
    if (bad) return setError(t('market.filter.invalidNumber'));
    for (const [lo, hi] of [['minPrice', 'maxPrice'], ['minUnit', 'maxUnit'], ['minDays', 'maxDays']] as const) {
      const a = next[lo];
      const b = next[hi];
      if (a !== undefined && b !== undefined && a > b) return setError(t('market.filter.invalidRange'));
    }
    setError(null);
    update(next);
  }

  const count = activeFilterCount(state);
  const range = (lo: RangeKey, hi: RangeKey, label: string, testId: string) => (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-slate-600">{label}</legend>
      <div className="flex items-center gap-2">
        <input className={inputClass} inputMode="decimal" aria-label={`${label} ${t('market.filter.min')}`} placeholder={t('market.filter.min')} value={draft[lo]} onChange={set(lo)} data-testid={`${testId}-min`} />
        <span className="text-slate-400">–</span>
        <input className={inputClass} inputMode="decimal" aria-label={`${label} ${t('market.filter.max')}`} placeholder={t('market.filter.max')} value={draft[hi]} onChange={set(hi)} data-testid={`${testId}-max`} />
      </div>
    </fieldset>
  );

  return (
    <aside className="h-fit space-y-4 rounded-xl border border-slate-200 bg-white p-4" aria-label={t('market.filter.title')} data-testid="market-filters">
      <div className="flex items-baseline justify-between">
        <h2 className="text-sm font-semibold">{t('market.filter.title')}</h2>
        {count > 0 ? (
          <button type="button" className="text-xs text-sky-700 hover:underline" onClick={() => update(clearedFilters(state))} data-testid="clear-filters">
            {t('market.filter.clear', { count })}
          </button>
        ) : null}
      </div>
      <fieldset className="contents space-y-4" disabled={!ready} data-testid="filter-controls">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4 accent-emerald-600"
            checked={state.paying === true}
            onChange={(e) => choose({ paying: e.target.checked ? true : undefined })}
            data-testid="filter-paying"
          />
          <span>
            <span className="font-medium">{t('market.filter.paying')}</span>
            <span className="block text-xs text-slate-500">{t('market.filter.payingHint')}</span>
          </span>
        </label>
        <label className={labelClass}>
          {t('market.filter.coin')}
          <select className={inputClass} data-testid="filter-coin" value={state.coin ?? ''} onChange={(e) => choose({ coin: (e.target.value || undefined) as MarketUrlState['coin'] })}>
            <option value="">{t('market.filter.allCoins')}</option>
            {COINS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          {t('market.filter.type')}
          <select className={inputClass} data-testid="filter-type" value={state.type ?? ''} onChange={(e) => choose({ type: (e.target.value || undefined) as MarketUrlState['type'] })}>
            <option value="">{t('market.filter.allTypes')}</option>
            <option value="fixed">{t('market.filter.fixed')}</option>
            <option value="auction">{t('market.filter.auction')}</option>
          </select>
        </label>
        <label className={labelClass}>
          {t('market.filter.sale')}
          <select className={inputClass} data-testid="filter-sale" value={state.sale ?? ''} onChange={(e) => choose({ sale: (e.target.value || undefined) as MarketUrlState['sale'] })}>
            <option value="">{t('market.filter.allSales')}</option>
            <option value="primary">{t('market.filter.primary')}</option>
            <option value="resale">{t('market.filter.resale')}</option>
          </select>
        </label>
        <form className="space-y-4" onSubmit={apply} noValidate>
          <label className={labelClass}>
            {t('market.filter.search')}
            <input className={inputClass} type="search" placeholder={t('market.filter.searchHint')} value={draft.q} onChange={set('q')} maxLength={64} data-testid="filter-search" />
          </label>
          {range('minPrice', 'maxPrice', t('market.filter.price', { symbol: PAYMENT_SYMBOL }), 'filter-price')}
          {range('minUnit', 'maxUnit', t('market.filter.unitPrice', { symbol: PAYMENT_SYMBOL }), 'filter-unit')}
          {range('minDays', 'maxDays', t('market.filter.daysLeft'), 'filter-days')}
          {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
          <Button type="submit" variant="secondary" className="w-full" data-testid="apply-filters">
            {t('market.filter.apply')}
          </Button>
        </form>
      </fieldset>
    </aside>
  );
}
