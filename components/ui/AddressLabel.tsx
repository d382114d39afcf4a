'use client';

import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A shortened address with the full one on hover, marked "you" when it is the connected account. */
export function AddressLabel({ address }: { address: Address }) {
  const { t } = useI18n();
  const mounted = useMounted();
  const { address: me } = useAccount();
  const isMe = mounted && me?.toLowerCase() === address.toLowerCase();
  return (
    <span className="font-mono text-sm" title={address}>
      {shortAddress(address)}
      {isMe ? <span className="ml-1 rounded bg-sky-100 px-1 font-sans text-xs text-sky-800">{t('common.you')}</span> : null}
    </span>
  );
}
