'use client';

import { formatDate } from '@/lib/format/time';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

/** A date in the reader's locale and time zone; rendered after mount so server and browser agree. */
export function LocalDate({ seconds }: { seconds: bigint }) {
  const { tag } = useI18n();
  const mounted = useMounted();
  return <time dateTime={new Date(Number(seconds) * 1000).toISOString()}>{mounted ? formatDate(seconds, tag) : '\u00a0'}</time>;
}
