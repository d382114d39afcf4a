'use client';

import { useConnectModal } from '@rainbow-me/rainbowkit';
import { useAccount } from 'wagmi';
import { useMounted } from '../useMounted';

/**
 * The connected account, but only after mount (so server and first client render agree), and a way to
 * open the wallet modal.
 */
export function useConnectedAccount() {
  const mounted = useMounted();
  const { address } = useAccount();
  const { openConnectModal } = useConnectModal();
  return { mounted, account: mounted ? address : undefined, connect: () => openConnectModal?.() };
}
