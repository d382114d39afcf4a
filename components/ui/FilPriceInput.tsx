'use client';

import { useI18n } from '@/lib/i18n/client';
import type { useFilPrice } from '@/lib/yield/useFilPrice';

/** The assumed FIL price (USDT per FIL) as a labelled text field, marked invalid while it is not a positive amount. */
export function FilPriceInput({ price, className, inputClassName }: { price: ReturnType<typeof useFilPrice>; className?: string; inputClassName?: string }) {
  const { t } = useI18n();
  return (
    <label className={className}>
      {t('yield.filPrice')}
      <input
        className={`rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500 ${inputClassName ?? ''}`}
        inputMode="decimal"
        value={price.text}
        aria-invalid={price.value === null}
        onChange={(e) => price.setText(e.target.value)}
        data-testid="fil-price"
      />
    </label>
  );
}
