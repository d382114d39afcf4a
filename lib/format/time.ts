import { dateTimeFormat } from './intl';

export const DAY_SECONDS = 86_400n;

/** Whole days of a product's term still ahead at `now` (the full term before it starts, 0 after it ends). */
export function termDaysLeft(termStart: bigint, termEnd: bigint, now: bigint): bigint {
  if (now >= termEnd) return 0n;
  const from = now > termStart ? now : termStart;
  return (termEnd - from + DAY_SECONDS - 1n) / DAY_SECONDS;
}

/** Term length in days. */
export function termDays(termStart: bigint, termEnd: bigint): bigint {
  return (termEnd - termStart) / DAY_SECONDS;
}

/** Formats unix seconds as a date in the reader's locale and time zone. Call only on the client. */
export function formatDate(seconds: bigint, locale: string): string {
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(Number(seconds) * 1000));
}
