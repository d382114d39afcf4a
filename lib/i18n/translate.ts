import type { Locale } from './config';
import { en, type MessageKey } from './messages/en';
import { zh } from './messages/zh';

const catalogs = { en, zh } as const;

export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

/** Replaces `{name}` placeholders. */
export function interpolate(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

export function createTranslator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => interpolate(catalog[key] ?? en[key], vars);
}

export function hasMessage(key: string): key is MessageKey {
  return key in en;
}
