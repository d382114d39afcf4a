'use client';

import { useAccount } from 'wagmi';
import { useMounted } from '../useMounted';
import { useWalletUi } from './walletUi';

/**
 * The connected account, but only after mount (so server and first client render agree), and a way to
 * open the wallet modal (which loads the wallet stack first when it has not loaded yet).
 */
export function useConnectedAccount() {
  const mounted = useMounted();
  const { address } = useAccount();
  const { openConnectModal } = useWalletUi();
  return { mounted, account: mounted ? address : undefined, connect: openConnectModal };
}
