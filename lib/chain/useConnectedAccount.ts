'use client';

import { useAccount } from 'wagmi';
import { useHydratedValue } from '../useMounted';
import { useWalletUi } from './walletUi';

/**
 * The connected account, but only after hydration (so the server's render and the browser's first agree), and a way
 * to open the wallet modal (which loads the wallet stack first when it has not loaded yet).
 * For a visitor with no wallet the account is undefined on both sides, so hydrating a page built on it does not
 * render that page a second time.
 */
export function useConnectedAccount() {
  const { address } = useAccount();
  const account = useHydratedValue(address, undefined);
  const { openConnectModal } = useWalletUi();
  return { account, connect: openConnectModal };
}
