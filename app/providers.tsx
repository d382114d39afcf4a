'use client';

import { RainbowKitProvider, lightTheme } from '@rainbow-me/rainbowkit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { WagmiProvider, type State } from 'wagmi';
import { getConfig } from '@/lib/chain/config';
import type { Locale } from '@/lib/i18n/config';
import { I18nProvider } from '@/lib/i18n/client';
import { createTranslator } from '@/lib/i18n/translate';

export function Providers({ children, locale, initialState }: { children: ReactNode; locale: Locale; initialState?: State }) {
  const [config] = useState(() => {
    const t = createTranslator(locale);
    return getConfig({
      buyer: t('devWallet.buyer'),
      buyer2: t('devWallet.buyer2'),
      minerA: t('devWallet.miner'),
      lender: t('devWallet.lender'),
      foundation: t('devWallet.foundation'),
      council1: t('devWallet.council', { n: 1 }),
      council2: t('devWallet.council', { n: 2 }),
      council3: t('devWallet.council', { n: 3 }),
      council4: t('devWallet.council', { n: 4 }),
      localGroup: t('devWallet.group'),
      browserGroup: t('wallet.browserGroup'),
    });
  });
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider locale={locale === 'zh' ? 'zh-CN' : 'en-US'} theme={lightTheme({ accentColor: '#0284c7' })}>
          <I18nProvider locale={locale}>{children}</I18nProvider>
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
