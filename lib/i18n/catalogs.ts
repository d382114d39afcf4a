import type { Locale } from './config';
import { en, type MessageKey } from './messages/en';
import { zh } from './messages/zh';
import { translatorFor, type Catalog, type Translate } from './translate';

/**
 * Both locales' messages. Imported by the server (and tests) only: a browser bundle that imported this module
 * would carry both languages, so client code gets its reader's catalog from the root layout instead.
 */
const catalogs: Record<Locale, Catalog> = { en, zh };

export function catalogFor(locale: Locale): Catalog {
  return catalogs[locale];
}

export function createTranslator(locale: Locale): Translate {
  return translatorFor(catalogs[locale]);
}

export function hasMessage(key: string): key is MessageKey {
  return key in en;
}
