'use client';

import { useState } from 'react';
import { formatAmount, parseAmount } from '../format/amount';
import { useI18n } from '../i18n/client';

/**
 * A token amount typed by the user: the text, its error in words, and `take(max, symbol)` which parses it (in
 * `decimals`), refuses nothing / zero / more than `max` with a sentence shown next to the field, and returns the
 * amount (or null).
 */
export function useAmountInput(decimals: number) {
  const { t, tag } = useI18n();
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  function take(max: bigint | null, symbol: string): bigint | null {
    const v = parseAmount(input.trim(), decimals);
    if (v === null || v === 0n) {
      setError(t('pools.form.amountInvalid', { symbol }));
      return null;
    }
    if (max !== null && v > max) {
      setError(t('pools.form.aboveMax', { symbol, max: formatAmount(max, decimals, { locale: tag, maxFractionDigits: 6 }) }));
      return null;
    }
    setError(null);
    return v;
  }
  return { input, setInput, error, take, typed: parseAmount(input.trim(), decimals) };
}
