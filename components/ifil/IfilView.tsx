'use client';

import { IFIL_DECIMALS } from '@/lib/chain/contracts';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { isLocalChain } from '@/lib/env';
import { useI18n } from '@/lib/i18n/client';
import { useYieldTokenBalance } from '@/lib/yield/hooks';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { DevBridgeButton } from './DevBridgeButton';
import { RedeemForm } from './RedeemForm';
import { Redemptions } from './Redemptions';

/** IFIL: what it is, the account's balance, redeeming to a Filecoin address and past redemptions. */
export function IfilView() {
  const { t } = useI18n();
  const { mounted, account, connect } = useConnectedAccount();
  const balance = useYieldTokenBalance('FIL', account);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('ifil.title')}</h1>
        <div className="mt-2 max-w-3xl space-y-2 text-slate-600" data-testid="ifil-explainer">
          <p>{t('ifil.what')}</p>
          <p>{t('ifil.mint')}</p>
          <p>{t('ifil.redeem')}</p>
        </div>
      </div>
      {!mounted ? (
        <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : !account ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="text-slate-600">{t('ifil.connect')}</p>
          <Button className="mt-4" onClick={connect}>
            {t('portfolio.connectButton')}
          </Button>
        </div>
      ) : (
        <>
          <section className="flex flex-wrap items-center gap-6 rounded-xl border border-slate-200 bg-white p-5">
            <div>
              <p className="text-xs text-slate-500">{t('portfolio.account')}</p>
              <AddressLabel address={account} />
            </div>
            <div>
              <p className="text-xs text-slate-500">{t('ifil.balance')}</p>
              {balance.error ? (
                <ErrorBox message={t('ifil.error', { reason: balance.error.message.split('\n')[0] ?? '' })} onRetry={() => balance.refetch()} />
              ) : (
                <p className="text-2xl font-bold" data-testid="ifil-balance" data-value={balance.data?.toString()}>
                  {balance.data !== undefined ? <Amount value={balance.data} decimals={IFIL_DECIMALS} symbol="IFIL" maxFractionDigits={18} /> : t('common.loading')}
                </p>
              )}
            </div>
            {isLocalChain ? <DevBridgeButton account={account} /> : null}
          </section>
          <RedeemForm account={account} balance={balance.data} />
          <Redemptions account={account} />
        </>
      )}
    </div>
  );
}
