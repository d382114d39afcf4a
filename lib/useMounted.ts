'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False during server rendering and hydration, true after: gate wallet- and time-zone-dependent UI on it.
 * Hydration re-renders the calling component (and everything under it) once, synchronously, to turn it true: call it
 * in small components, or use {@link useHydratedValue}, which re-renders only when the value it gates differs.
 */
export function useMounted(): boolean {
  return useHydratedValue(true, false);
}

/**
 * `server` during server rendering and hydration, `client` after (and on any later mount). Unlike {@link useMounted},
 * hydration re-renders the component only when the two differ (compared with `Object.is`), so a page whose
 * browser-only value matches the server's (a visitor with no wallet: no account on either side) is not rendered a
 * second time. Pass primitives, or values that keep their identity between renders.
 */
export function useHydratedValue<T>(client: T, server: T): T {
  return useSyncExternalStore(
    subscribe,
    () => client,
    () => server,
  );
}
