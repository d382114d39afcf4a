import type { Locale } from './config';
import { en } from './messages/en';
import { zh } from './messages/zh';
import { translatorFor, type Catalog, type Translate } from './translate';

/**
 * Both locales' messages. Imported by the server (and tests) only: a browser bundle that imported this module
 * would carry both languages, so client code loads its reader's catalog alone (./loadCatalog).
 */
const catalogs: Record<Locale, Catalog> = { en, zh };

export function createTranslator(locale: Locale): Translate {
  return translatorFor(catalogs[locale]);
}
