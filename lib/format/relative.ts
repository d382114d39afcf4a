import { relativeTimeFormat } from './intl';

/** "in 3 days", "2 hours ago": the gap between two chain times in the reader's language. */
export function formatRelative(target: bigint, now: bigint, locale: string): string {
  const diff = Number(target - now);
  const abs = Math.abs(diff);
  const rtf = relativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 60) return rtf.format(diff, 'second');
  if (abs < 3_600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(diff / 3_600), 'hour');
  return rtf.format(Math.round(diff / 86_400), 'day');
}

/** "2d 03:14:07", "03:14:07", "00:00:09": time left until `end`, never negative (0 once it has passed). */
export function formatCountdown(end: bigint, now: bigint): string {
  const left = end > now ? Number(end - now) : 0;
  const days = Math.floor(left / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((left % 86_400) / 3_600))}:${pad(Math.floor((left % 3_600) / 60))}:${pad(left % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}
