'use client';

import { dateTimeFormat } from '@/lib/format/intl';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

/**
 * A UTC day number (timestamp / 86400, the contracts' yield day) as a date in the reader's locale. Shown in UTC,
 * not the reader's time zone: a yield day is a UTC calendar day, and local time could shift it by one.
 */
export function UtcDay({ day, withWeekday = false }: { day: bigint; withWeekday?: boolean }) {
  const { tag } = useI18n();
  const mounted = useMounted();
  const date = new Date(Number(day) * 86_400_000);
  const text = dateTimeFormat(tag, withWeekday ? { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' } : { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(date);
  return (
    <time dateTime={date.toISOString().slice(0, 10)} data-day={day.toString()}>
      {mounted ? text : '\u00a0'}
    </time>
  );
}
