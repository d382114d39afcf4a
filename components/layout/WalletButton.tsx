'use client';

import dynamic from 'next/dynamic';
import { useWalletUi } from '@/lib/chain/walletUi';
import { useI18n } from '@/lib/i18n/client';

const loadStack = () => import('./WalletStack');

/**
 * Until the wallet stack has loaded: a button with RainbowKit's look. Pointing at it or focusing it fetches the stack's
 * script (without rendering anything new, so the button under the pointer stays the same element until the click
 * has landed); clicking it renders the stack and opens its modal.
 */
function ConnectPlaceholder({ busy = false }: { busy?: boolean }) {
  const { t } = useI18n();
  const { openConnectModal } = useWalletUi();
  return (
    <button
      type="button"
      data-testid="wallet-connect"
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
