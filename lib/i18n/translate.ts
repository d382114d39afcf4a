import type { MessageKey } from './messages/en';

export type TranslateVars = Record<string, string | number>;
/** A translator: the sentence of `key` with its `{name}` placeholders filled; `has` tells whether a key exists. */
export type Translate = ((key: MessageKey, vars?: TranslateVars) => string) & { has: (key: string) => key is MessageKey };
/** One locale's messages. The client gets only its reader's locale (the root layout passes it down). */
export type Catalog = Record<MessageKey, string>;

/** Replaces `{name}` placeholders. */
export function interpolate(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

/** A translator over one catalog (a missing key reads as the key itself; the i18n tests keep both catalogs whole). */
export function translatorFor(catalog: Catalog): Translate {
  const t = (key: MessageKey, vars?: TranslateVars) => interpolate(catalog[key] ?? key, vars);
  return Object.assign(t, { has: (key: string): key is MessageKey => Object.hasOwn(catalog, key) });
}
