'use client';

import { Component, createElement, lazy, Suspense, useState, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useWalletUi } from '@/lib/chain/walletUi';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

const loadStack = () => import('./WalletStack');
/** Fetches the stack's script ahead of a click; a failure here is reported by the click that needs it. */
const preloadStack = () => void loadStack().catch(() => undefined);
/** One lazy component per load attempt: React keeps a failed lazy component failed, so a retry needs a new one. */
const stacks = new Map<number, LazyExoticComponent<ComponentType>>();
function stackFor(attempt: number): LazyExoticComponent<ComponentType> {
  let stack = stacks.get(attempt);
  if (!stack) stacks.set(attempt, (stack = lazy(loadStack)));
  return stack;
}

/**
 * Until the wallet stack has loaded: a button with RainbowKit's look. It is inert until the page has hydrated.
 * Pointing at it or focusing it fetches the stack's script (without rendering anything new, so the button under the
 * pointer stays the same element until the click has landed); clicking it renders the stack and opens its modal.
 */
function ConnectPlaceholder({ busy = false, failed, onRetry }: { busy?: boolean; failed?: boolean; onRetry?: () => void }) {
  const { t } = useI18n();
  const { openConnectModal } = useWalletUi();
  // Inert until the page has hydrated: a click before then would be lost without a word.
  const mounted = useMounted();
  return (
    <button
      type="button"
      data-testid="wallet-connect"
      disabled={!mounted}
      aria-busy={busy || undefined}
      onPointerEnter={preloadStack}
      onFocus={preloadStack}
      onClick={failed ? onRetry : openConnectModal}
      className={`h-10 rounded-xl px-3.5 text-base font-bold text-white shadow-sm transition-transform hover:scale-[1.025] ${failed ? 'bg-amber-600' : 'bg-sky-600'}`}
    >
      {failed ? <span role="alert">{t('wallet.loadFailed')}</span> : t('wallet.connect')}
    </button>
  );
}

/** Catches the stack's script failing to load (a dropped connection): the page stays, the button says so. */
class StackBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * The header's wallet button: RainbowKit's once the wallet stack is wanted (lib/chain/walletUi), a placeholder before.
 * If the stack's script fails to load, the button says so in words and a click loads it again; the connect modal
 * opens once it arrives, as the first click asked.
 */
export function WalletButton() {
  const { wanted } = useWalletUi();
  const [attempt, setAttempt] = useState(0);
  if (!wanted) return <ConnectPlaceholder />;
  return (
    <StackBoundary key={attempt} fallback={<ConnectPlaceholder failed onRetry={() => setAttempt((a) => a + 1)} />}>
      <Suspense fallback={<ConnectPlaceholder busy />}>
        {createElement(stackFor(attempt))}
      </Suspense>
    </StackBoundary>
  );
}
