'use client';

import { bytesToHex, parseUnits, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, ifilAbi, IFIL_DECIMALS } from '@/lib/chain/contracts';
import { devAccounts } from '@/lib/chain/devAccounts';
import { isLocalChain } from '@/lib/env';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

export const DEV_BRIDGE_AMOUNT = parseUnits('10', IFIL_DECIMALS);

/**
 * LOCAL CHAIN ONLY: plays the bridge. Mints 10 IFIL to the connected account as if a FIL deposit had arrived on
 * Filecoin, sent from the bridge operator's anvil account (anvil signs; the RPC proxy forwards the signing
 * request only in a build for the local chain). The deposit reference is random, as each may mint once.
 */
export function DevBridgeButton({ account }: { account: Address }) {
  const { t } = useI18n();
  const tx = useTransaction();
  if (!isLocalChain || !getDeployment().MockUSDT) return null;
  const bridge = () =>
    tx.run({
      address: getDeployment().IFIL,
      abi: ifilAbi,
      functionName: 'mint',
      args: [account, DEV_BRIDGE_AMOUNT, bytesToHex(crypto.getRandomValues(new Uint8Array(32)))],
      account,
      sendAs: devAccounts.bridge,
      label: t('ifil.dev.bridging'),
      token: { symbol: 'IFIL', decimals: IFIL_DECIMALS },
      invalidate: [queryKeys.yieldTokenAll(appChain.id, account)],
    });
  return (
    <div className="space-y-2">
      <Button variant="secondary" data-testid="dev-bridge" disabled={tx.busy} onClick={bridge} title={t('ifil.dev.hint')}>
        {t('ifil.dev.bridge')}
      </Button>
      {tx.state.status === 'confirmed' ? <p className="text-sm text-emerald-700" data-testid="dev-bridge-done">{t('ifil.dev.done')}</p> : <TxStatus state={tx.state} />}
    </div>
  );
}
