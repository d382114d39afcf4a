'use client';

import { formatAmount, formatSmallAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';

/** A token amount from base units, rounded down, in the reader's number format, with its symbol. */
export function Amount({
  value,
  decimals,
  symbol,
  maxFractionDigits = 2,
  minFractionDigits = 0,
  small = false,
  className,
}: {
  value: bigint;
  decimals: number;
  symbol?: string;
  maxFractionDigits?: number;
  minFractionDigits?: number;
  /** Keep significant digits for values below 1 (prices per unit per day). */
  small?: boolean;
  className?: string;
}) {
  const { tag } = useI18n();
  const text = small
    ? formatSmallAmount(value, decimals, { locale: tag })
    : formatAmount(value, decimals, { locale: tag, maxFractionDigits, minFractionDigits });
  return (
    <span className={`tabular-nums ${className ?? ''}`}>
      {text}
      {symbol ? <span className="ml-1 text-slate-500">{symbol}</span> : null}
    </span>
  );
}
