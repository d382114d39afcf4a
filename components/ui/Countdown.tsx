'use client';

import { useTickingChainTime } from '@/lib/chain/chainTime';
import { formatCountdown } from '@/lib/format/relative';
import { useI18n } from '@/lib/i18n/client';

/** Time left until `end` in chain time, ticking every second; "Ended" once it has passed. */
export function Countdown({ end, className }: { end: bigint; className?: string }) {
  const { t } = useI18n();
  const now = useTickingChainTime();
  if (now === undefined) return <span className={className}>…</span>;
  const ended = now >= end;
  return (
    <span className={className} data-testid="countdown" data-ended={ended ? 'true' : 'false'} aria-live="off">
      {ended ? t('auction.ended') : formatCountdown(end, now)}
    </span>
  );
}
