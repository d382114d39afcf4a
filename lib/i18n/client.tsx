'use client';

import { createContext, use, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { LOCALE_COOKIE, LOCALE_TAGS, type Locale } from './config';
import { loadCatalog } from './loadCatalog';
import { translatorFor, type Translate } from './translate';

type I18n = { locale: Locale; tag: string; t: Translate; setLocale: (locale: Locale) => void };

const I18nContext = createContext<I18n | null>(null);

// In the browser, the catalog's script starts loading as soon as this module runs, before hydration asks for it.
if (typeof document !== 'undefined') void loadCatalog(document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');

/**
 * Translates with the reader's catalog only (lib/i18n/loadCatalog), so no page ships both languages. Hydration waits
 * for the catalog's script (already on its way, see above); the server-rendered page stays on screen meanwhile.
 */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const messages = use(loadCatalog(locale));
  const setLocale = useCallback((next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    // A full reload: server-rendered text, the wallet modal and the wallet names all follow the new language.
    window.location.reload();
  }, []);
  const value = useMemo(
    () => ({ locale, tag: LOCALE_TAGS[locale], t: translatorFor(messages), setLocale }),
    [locale, messages, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
