'use client';

import { useSyncExternalStore } from 'react';
import { PAYMENT_DECIMALS } from '../chain/contracts';
import { parseAmount } from '../format/amount';

const KEY = 'dmex.filPriceUsdt';
export const DEFAULT_FIL_PRICE = '4.00';

// Every field showing the price reads one store, this browser's localStorage: typing in one (the market header,
// the item page, the portfolio, loans) updates all of them, and other tabs through the storage event.
const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}
const read = () => window.localStorage.getItem(KEY) ?? DEFAULT_FIL_PRICE;
// The server (and the first client render) shows the default, so hydration matches; the saved price follows.
const readOnServer = () => DEFAULT_FIL_PRICE;

/**
 * The FIL price the reader assumes (USDT per FIL) for expected earnings and returns: typed text, remembered in
 * this browser's localStorage, and its value in USDT base units (null while it is not a valid positive amount).
 */
export function useFilPrice() {
  const text = useSyncExternalStore(subscribe, read, readOnServer);
  const update = (value: string) => {
    window.localStorage.setItem(KEY, value);
    for (const l of listeners) l();
  };
  const value = parseAmount(text, PAYMENT_DECIMALS);
  return { text, setText: update, value: value && value > 0n ? value : null };
}
