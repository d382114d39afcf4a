'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False during server rendering and hydration, true after: gate wallet- and time-zone-dependent UI on it. */
export function useMounted(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
