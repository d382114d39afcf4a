'use client';

import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useMounted } from '@/lib/useMounted';
import { useApplications } from '@/lib/governance/hooks';
import { useI18n } from '@/lib/i18n/client';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { APPLICATION_STATUSES, ApplicationCard, type ApplicationView } from './ApplicationCard';
import { ApplyForm } from './ApplyForm';
import { MinerEscrow } from './MinerEscrow';
import { PayYieldCard } from './PayYieldCard';
import { MinerPoolPanel } from '../pools/MinerPoolPanel';

/** MinerRegistry.Status.Active: staked, minting and paying yield. */
const ACTIVE = APPLICATION_STATUSES.indexOf('Active');

export function MinerDashboard() {
  const { t } = useI18n();
  const { account, connect } = useConnectedAccount();
  const mounted = useMounted();
  const apps = useApplications(account);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('miner.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('miner.subtitle')}</p>
      </div>
      {!mounted ? null : !account ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="text-slate-600">{t('miner.connect')}</p>
          <Button className="mt-4" onClick={connect}>{t('portfolio.connectButton')}</Button>
        </div>
      ) : (
        <>
          <section className="space-y-3">
            <h2 className="text-xl font-semibold">{t('miner.mine')}</h2>
            {apps.isPending ? (
              <div className="h-24 animate-pulse rounded-xl bg-white" />
            ) : apps.error ? (
              <ErrorBox message={t('gov.error', { reason: apps.error.message.split('\n')[0] ?? '' })} onRetry={() => apps.refetch()} />
            ) : apps.data.length === 0 ? (
              <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">{t('miner.none')}</p>
            ) : (
              <ul className="space-y-3">
                {apps.data.map((a) => <ApplicationCard key={a.id.toString()} app={a as unknown as ApplicationView} account={account} />)}
              </ul>
            )}
          </section>
          {apps.data && apps.data.some((a) => a.status === ACTIVE) ? (
            <section className="space-y-3" data-testid="pay-yield">
              <h2 className="text-xl font-semibold">{t('payYield.section')}</h2>
              <p className="max-w-3xl text-sm text-slate-600">{t('payYield.explain')}</p>
              <ul className="space-y-3">
                {apps.data
                  .filter((a) => a.status === ACTIVE)
                  .map((a) => (
                    <PayYieldCard key={a.id.toString()} productId={a.productId} name={a.name} account={account} />
                  ))}
              </ul>
            </section>
          ) : null}
          <MinerPoolPanel account={account} />
          <MinerEscrow account={account} />
          <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
            <h2 className="text-xl font-semibold">{t('miner.new')}</h2>
            <p className="text-sm text-slate-600">{t('miner.newExplain')}</p>
            <ApplyForm account={account} />
          </section>
        </>
      )}
    </div>
  );
}
