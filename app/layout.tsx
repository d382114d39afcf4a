import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { cookieToInitialState } from 'wagmi';
import './globals.css';
import { Providers } from './providers';
import { Header } from '@/components/layout/Header';
import { Footer } from '@/components/layout/Footer';
import { IndexStatus } from '@/components/layout/IndexStatus';
import { ReferralCapture } from '@/components/nodes/ReferralCapture';
import { createBaseConfig } from '@/lib/chain/baseConfig';
import { LOCALE_TAGS } from '@/lib/i18n/config';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return {
    title: { default: `${t('app.name')} · ${t('market.title')}`, template: `%s · ${t('app.name')}` },
    description: t('app.tagline'),
    icons: { icon: '/favicon.svg' },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  // Restores a wallet connection from its cookie, so a reload while connected renders the same on both sides.
  const initialState = cookieToInitialState(createBaseConfig(), (await headers()).get('cookie'));
  return (
    <html lang={LOCALE_TAGS[locale]}>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
          {t('nav.skip')}
        </a>
        <Providers locale={locale} initialState={initialState}>
          <Header />
          <IndexStatus />
          <ReferralCapture />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
            {children}
          </main>
          <Footer />
        </Providers>
      </body>
    </html>
  );
}
