'use client';

import { isLocalChain } from '@/lib/env';
import { appChain } from '@/lib/chain/chains';
import { useI18n } from '@/lib/i18n/client';
import { DevTimeControl } from './DevTimeControl';

export function Footer() {
  const { t } = useI18n();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-4 text-xs text-slate-500">
        <p>
          {t('app.tagline')} · {isLocalChain ? t('footer.local', { chainId: appChain.id }) : t('footer.chain', { chainId: appChain.id })}
        </p>
        {isLocalChain ? <DevTimeControl /> : null}
      </div>
    </footer>
  );
}
