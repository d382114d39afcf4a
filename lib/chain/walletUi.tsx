'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { holdConnectionCookie } from './baseConfig';

/**
 * The wallet stack (RainbowKit, its modal and the wallets' connectors) stays off a page's first paint: it is the
 * largest part of the app's script, and a visitor who only browses never needs it. It loads when a visitor reaches
 * for a wallet (its script is fetched when the header's button is pointed at or focused, and rendered when it is
 * clicked or a panel asks to connect), and at once for a visitor whose wallet was connected before (the connection
 * cookie), so a returning user's page renders connected.
 * This context says whether it is wanted, and opens the connect modal, loading the stack first when needed.
 */
type WalletUi = {
  /** Whether the wallet stack is (being) loaded. */
  wanted: boolean;
  /** A wallet connection was restored from the cookie when the page was served. */
  restored: boolean;
  /** Opens the connect modal, once the stack has loaded when it had not. */
  openConnectModal: () => void;
  /** The loaded stack hands over its modal opener (undefined while a wallet is connected). */
  register: (open: (() => void) | undefined) => void;
};

const WalletUiContext = createContext<WalletUi | null>(null);

export function WalletUiProvider({ restored, children }: { restored: boolean; children: ReactNode }) {
  const [wanted, setWanted] = useState(() => {
    // Served connected: hold the cookie until the stack's connectors are in (see holdConnectionCookie).
    if (restored && typeof window !== 'undefined') holdConnectionCookie(true);
    return restored;
  });
  const opener = useRef<(() => void) | undefined>(undefined);
  const pendingOpen = useRef(false);
  const stackReady = useRef(false);
  const openConnectModal = useCallback(() => {
    // Once the stack is up, its opener decides (RainbowKit has none while a wallet is connected).
    if (stackReady.current) return opener.current?.();
    pendingOpen.current = true;
    setWanted(true);
  }, []);
  const register = useCallback((open: (() => void) | undefined) => {
    stackReady.current = true;
    opener.current = open;
    if (open && pendingOpen.current) {
      pendingOpen.current = false;
      open();
    }
  }, []);
  const value = useMemo(() => ({ wanted, restored, openConnectModal, register }), [wanted, restored, openConnectModal, register]);
  return <WalletUiContext.Provider value={value}>{children}</WalletUiContext.Provider>;
}

export function useWalletUi(): WalletUi {
  const value = useContext(WalletUiContext);
  if (!value) throw new Error('useWalletUi must be used inside <WalletUiProvider>');
  return value;
}
