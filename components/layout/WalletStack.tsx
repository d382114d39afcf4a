'use client';

import '@rainbow-me/rainbowkit/styles.css';
import { ConnectButton, RainbowKitProvider, lightTheme, useConnectModal } from '@rainbow-me/rainbowkit';
import { useEffect, useState } from 'react';
import { useConfig } from 'wagmi';
import { reconnect } from 'wagmi/actions';
import { holdConnectionCookie } from '@/lib/chain/baseConfig';
import { addWalletConnectors, walletConnectors } from '@/lib/chain/config';
import { useWalletUi } from '@/lib/chain/walletUi';
import { useI18n } from '@/lib/i18n/client';

/**
 * The wallet stack, loaded on demand (lib/chain/walletUi): adds the wallets' connectors to the app's wagmi config,
 * renders RainbowKit's button and modal, and hands the modal's opener to the rest of the app.
 */
export default function WalletStack() {
  const config = useConfig();
  const { t, locale } = useI18n();
  const { restored } = useWalletUi();
  // During the first render, before any effect: when the page was served connected, WagmiProvider reconnects in its
  // mount effect, which runs after this component's, so the connectors must be there by then.
  useState(() => {
    if (typeof window === 'undefined') return;
    addWalletConnectors(
      config,
      walletConnectors({
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
      }),
    );
    holdConnectionCookie(false);
  });
  // If this stack arrived after WagmiProvider's own reconnect had already given up (it found no connectors), a
  // served-connected page reconnects once that attempt has ended.
  useEffect(() => {
    if (!restored) return;
    const retry = (status: string) => {
      if (status !== 'disconnected') return false;
      // On the next task: the attempt that just ended clears wagmi's in-progress flag only after it has set the status
      // this listener reacts to, and a reconnect started before that returns at once without trying.
      setTimeout(() => void reconnect(config), 0);
      return true;
    };
    const { status } = config.state;
    if (status === 'connected' || retry(status)) return;
    const unsubscribe = config.subscribe(
      (state) => state.status,
      (next) => {
        if (next === 'connected' || retry(next)) unsubscribe();
      },
    );
    return unsubscribe;
  }, [config, restored]);
  return (
    <RainbowKitProvider locale={locale === 'zh' ? 'zh-CN' : 'en-US'} theme={lightTheme({ accentColor: '#0284c7' })}>
      <ConnectButton chainStatus="none" showBalance={false} accountStatus="address" />
      <ModalBridge />
    </RainbowKitProvider>
  );
}

/** Hands RainbowKit's connect-modal opener to the app (and opens it when a visitor asked before the stack loaded). */
function ModalBridge() {
  const { openConnectModal } = useConnectModal();
  const { register } = useWalletUi();
  useEffect(() => register(openConnectModal), [register, openConnectModal]);
  return null;
}
