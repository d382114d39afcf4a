/** "in 3 days", "2 hours ago": the gap between two chain times in the reader's language. */
export function formatRelative(target: bigint, now: bigint, locale: string): string {
  const diff = Number(target - now);
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 60) return rtf.format(diff, 'second');
  if (abs < 3_600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(diff / 3_600), 'hour');
  return rtf.format(Math.round(diff / 86_400), 'day');
}
