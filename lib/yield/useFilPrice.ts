'use client';

import { useEffect, useState } from 'react';
import { PAYMENT_DECIMALS } from '../chain/contracts';
import { parseAmount } from '../format/amount';

const KEY = 'dmex.filPriceUsdt';
export const DEFAULT_FIL_PRICE = '4.00';

/**
 * The FIL price the reader assumes (USDT per FIL) for the portfolio's return figure: typed text, remembered in
 * this browser's localStorage, and its value in USDT base units (null while it is not a valid positive amount).
 */
export function useFilPrice() {
  const [text, setText] = useState(DEFAULT_FIL_PRICE);
  useEffect(() => {
    const saved = window.localStorage.getItem(KEY);
    if (saved !== null) setText(saved);
  }, []);
  const update = (value: string) => {
    setText(value);
    window.localStorage.setItem(KEY, value);
  };
  const value = parseAmount(text, PAYMENT_DECIMALS);
  return { text, setText: update, value: value && value > 0n ? value : null };
}
