/**
 * Shared Intl formatters, one per locale and options. Building one is not free: in Chromium a fresh
 * `Intl.NumberFormat` or `toLocaleDateString` call cost ~0.1 ms, 4x that on the phones Lighthouse models, and a
 * page formats hundreds of numbers and dates while it hydrates. Options objects are keyed by their JSON, so pass
 * them in a stable key order.
 */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, locale: string, options: object, make: () => F): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key) as F | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function relativeTimeFormat(locale: string, options: Intl.RelativeTimeFormatOptions = {}): Intl.RelativeTimeFormat {
  return cached('r', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
}

/** The digit-group separator and the decimal mark of `locale` ("," and "." in English). */
export function separators(locale: string): { group: string; mark: string } {
  let s = separatorCache.get(locale);
  if (!s) {
    const parts = numberFormat(locale, { minimumFractionDigits: 1 }).formatToParts(1000.5);
    s = { group: parts.find((p) => p.type === 'group')?.value ?? ',', mark: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    separatorCache.set(locale, s);
  }
  return s;
}
const separatorCache = new Map<string, { group: string; mark: string }>();
