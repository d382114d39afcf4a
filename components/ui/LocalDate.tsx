'use client';

import { dateTimeFormat } from '@/lib/format/intl';
import { formatDate } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

/** A date (optionally with the time) in the reader's locale and time zone; rendered after mount so server and browser agree. */
export function LocalDate({ seconds, withTime = false }: { seconds: bigint; withTime?: boolean }) {
  const { tag } = useI18n();
  const mounted = useMounted();
  const text = withTime ? dateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(Number(seconds) * 1000)) : formatDate(seconds, tag);
  return <time dateTime={new Date(Number(seconds) * 1000).toISOString()}>{mounted ? text : '\u00a0'}</time>;
}
