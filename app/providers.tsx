'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { WagmiProvider, type State } from 'wagmi';
import { createBaseConfig } from '@/lib/chain/baseConfig';
import { WalletUiProvider } from '@/lib/chain/walletUi';
import type { Locale } from '@/lib/i18n/config';
import { I18nProvider } from '@/lib/i18n/client';

/**
 * The app's providers. The wagmi config starts without wallets: every read and live value works from the first
 * paint, and the wallet stack (RainbowKit and the connectors) joins it when a visitor reaches for a wallet, or at once
 * when the page was served connected (lib/chain/walletUi). One config and one query client per browser session.
 */
export function Providers({ children, locale, initialState }: { children: ReactNode; locale: Locale; initialState?: State }) {
  const [config] = useState(() => createBaseConfig());
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider locale={locale}>
          <WalletUiProvider restored={initialState?.current != null}>{children}</WalletUiProvider>
        </I18nProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
