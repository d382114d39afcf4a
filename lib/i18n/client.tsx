'use client';

import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { LOCALE_COOKIE, LOCALE_TAGS, type Locale } from './config';
import { createTranslator, type Translate } from './translate';

type I18n = { locale: Locale; tag: string; t: Translate; setLocale: (locale: Locale) => void };

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const setLocale = useCallback((next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    // A full reload: server-rendered text, the wallet modal and the wallet names all follow the new language.
    window.location.reload();
  }, []);
  const value = useMemo(
    () => ({ locale, tag: LOCALE_TAGS[locale], t: createTranslator(locale), setLocale }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
