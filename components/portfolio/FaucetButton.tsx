'use client';

import type { Address } from 'viem';
import { getDeployment } from '@/lib/chain/contracts';
import { mockUsdtAbi } from '@/contracts-abi/MockUSDT.gen';
import { appChain } from '@/lib/chain/chains';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

/** LOCAL CHAIN ONLY: mints test USDT from the mock stablecoin's faucet. */
export function FaucetButton({ account }: { account: Address }) {
  const { t } = useI18n();
  const tx = useTransaction();
  const mock = getDeployment().MockUSDT;
  if (!mock) return null;
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        data-testid="faucet-button"
        disabled={tx.busy}
        onClick={() =>
          tx.run({
            address: mock,
            abi: mockUsdtAbi,
            functionName: 'faucet',
            args: [],
            account,
            invalidate: [queryKeys.paymentAll(appChain.id, account)],
          })
        }
      >
        {t('portfolio.faucet')}
      </Button>
      {tx.state.status === 'confirmed' ? <p className="text-sm text-emerald-700">{t('portfolio.faucetDone')}</p> : <TxStatus state={tx.state} />}
    </div>
  );
}
