'use client';

import { formatDate } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

/** A date (optionally with the time) in the reader's locale and time zone; rendered after mount so server and browser agree. */
export function LocalDate({ seconds, withTime = false }: { seconds: bigint; withTime?: boolean }) {
  const { tag } = useI18n();
  const mounted = useMounted();
  const text = withTime ? new Date(Number(seconds) * 1000).toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'short' }) : formatDate(seconds, tag);
  return <time dateTime={new Date(Number(seconds) * 1000).toISOString()}>{mounted ? text : '\u00a0'}</time>;
}
