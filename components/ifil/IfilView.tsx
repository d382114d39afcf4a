'use client';

import { IFIL_DECIMALS } from '@/lib/chain/contracts';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useMounted } from '@/lib/useMounted';
import { useI18n } from '@/lib/i18n/client';
import { useIfilNative, useYieldTokenBalance } from '@/lib/yield/hooks';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { RedeemForm } from './RedeemForm';
import { Redemptions } from './Redemptions';
import { WrapForm } from './WrapForm';

/**
 * IFIL: what it is and the account's balance; where FIL is the chain's coin, wrapping and unwrapping it; on a
 * bridged chain, redeeming to a Filecoin address and past redemptions.
 */
export function IfilView() {
  const { t } = useI18n();
  const { account, connect } = useConnectedAccount();
  const mounted = useMounted();
  const balance = useYieldTokenBalance('FIL', account);
  const native = useIfilNative();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('ifil.title')}</h1>
        <div className="mt-2 max-w-3xl space-y-2 text-slate-600" data-testid="ifil-explainer">
          {native.data === false ? (
            <>
              <p>{t('ifil.bridged.what')}</p>
              <p>{t('ifil.mint')}</p>
              <p>{t('ifil.redeem')}</p>
            </>
          ) : (
            <p>{t('ifil.native.what')}</p>
          )}
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
          </section>
          {native.isPending ? null : native.data === false ? (
            <>
              <RedeemForm account={account} balance={balance.data} />
              <Redemptions account={account} />
            </>
          ) : (
            <WrapForm account={account} ifilBalance={balance.data} />
          )}
        </>
      )}
    </div>
  );
}
