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
  });
  // A page served connected: once a reconnect with these connectors has ended, the connection cookie is released
  // (lib/chain/baseConfig holdConnectionCookie) and written once with the outcome. If WagmiProvider's own attempt ran
  // before this stack arrived, it found no wallet: reconnect again, on the next task (wagmi clears its in-progress flag
  // only after setting the status this listener reacts to, and a reconnect started before that returns at once).
  useEffect(() => {
    if (!restored) return;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      holdConnectionCookie(false);
      config.setState((state) => ({ ...state }));
    };
    const settle = (status: string) => {
      if (status === 'connected') release();
      else if (status === 'disconnected') setTimeout(() => void reconnect(config).finally(release), 0);
      else return false;
      return true;
    };
    if (settle(config.state.status)) return;
    const unsubscribe = config.subscribe(
      (state) => state.status,
      (next) => {
        if (settle(next)) unsubscribe();
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
