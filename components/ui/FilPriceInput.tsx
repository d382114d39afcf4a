'use client';

import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/client';
import type { useFilPrice } from '@/lib/yield/useFilPrice';

/** The assumed FIL price (USDT per FIL) as a labelled text field, marked invalid while it is not a positive amount.
 * Every such field shows the same remembered price (lib/yield/useFilPrice). */
export function FilPriceInput({
  price,
  label,
  className,
  inputClassName,
  testId = 'fil-price',
  title,
}: {
  price: ReturnType<typeof useFilPrice>;
  label?: ReactNode;
  className?: string;
  inputClassName?: string;
  testId?: string;
  title?: string;
}) {
  const { t } = useI18n();
  return (
    <label className={className} title={title}>
      {label ?? t('yield.filPrice')}
      <input
        className={`rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500 ${inputClassName ?? ''}`}
        inputMode="decimal"
        value={price.text}
        aria-invalid={price.value === null}
        onChange={(e) => price.setText(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
