'use client';

import dynamic from 'next/dynamic';
import { useWalletUi } from '@/lib/chain/walletUi';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

const loadStack = () => import('./WalletStack');

/**
 * Until the wallet stack has loaded: a button with RainbowKit's look. It is inert until the page has hydrated.
 * Pointing at it or focusing it fetches the stack's script (without rendering anything new, so the button under the
 * pointer stays the same element until the click has landed); clicking it renders the stack and opens its modal.
 */
function ConnectPlaceholder({ busy = false }: { busy?: boolean }) {
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
      onPointerEnter={() => void loadStack()}
      onFocus={() => void loadStack()}
      onClick={openConnectModal}
      className="h-10 rounded-xl bg-sky-600 px-3.5 text-base font-bold text-white shadow-sm transition-transform hover:scale-[1.025]"
    >
      {t('wallet.connect')}
    </button>
  );
}

const WalletStack = dynamic(loadStack, { loading: () => <ConnectPlaceholder busy /> });

/** The header's wallet button: RainbowKit's once the wallet stack is wanted (lib/chain/walletUi), a placeholder before. */
export function WalletButton() {
  const { wanted } = useWalletUi();
  return wanted ? <WalletStack /> : <ConnectPlaceholder />;
}
