'use client';

import { useSyncExternalStore } from 'react';
import { getAddress, isAddress, type Address } from 'viem';

/** Where the promotion node whose link brought the visitor is kept (this browser only). */
export const REFERRAL_KEY = 'dmex-ref';
const CHANGE = 'dmex-ref-change';

/** Keeps `?ref=0x…` from the address bar (any page) as the visitor's referring node; a later link replaces it. */
export function captureReferral(search: string): Address | null {
  const ref = new URLSearchParams(search).get('ref');
  if (!ref || !isAddress(ref)) return null;
  const node = getAddress(ref);
  try {
    window.localStorage.setItem(REFERRAL_KEY, node);
    window.dispatchEvent(new Event(CHANGE));
  } catch {
    // storage disabled: the link still works for this page view
  }
  return node;
}

export function readReferral(): Address | null {
  try {
    const v = window.localStorage.getItem(REFERRAL_KEY);
    return v && isAddress(v) ? getAddress(v) : null;
  } catch {
    return null;
  }
}

export function clearReferral() {
  try {
    window.localStorage.removeItem(REFERRAL_KEY);
    window.dispatchEvent(new Event(CHANGE));
  } catch {
    // nothing kept
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The referring node kept for this browser (null on the server and when none). */
export function useReferral(): Address | null {
  const kept = useSyncExternalStore(subscribe, () => readReferral() ?? '', () => '');
  return kept ? (kept as Address) : null;
}
