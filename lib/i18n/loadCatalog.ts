import type { Locale } from './config';
import type { Catalog } from './translate';

/**
 * The reader's catalog, loaded on its own: each locale is a separate script (a dynamic import), so a page downloads
 * only its reader's language, and the browser caches it across pages. One promise per locale per process.
 */
const loaders: Record<Locale, () => Promise<Catalog>> = {
  en: () => import('./messages/en').then((m) => m.en),
  zh: () => import('./messages/zh').then((m) => m.zh),
};
const loading = new Map<Locale, Promise<Catalog>>();

export function loadCatalog(locale: Locale): Promise<Catalog> {
  let promise = loading.get(locale);
  if (!promise) {
    promise = loaders[locale]();
    loading.set(locale, promise);
  }
  return promise;
}
