'use client';

import type { Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { revenueEscrowAbi } from '@/contracts-abi/RevenueEscrow.gen';
import { useProductEscrow } from '@/lib/escrow/hooks';
import { registryStatus } from '@/lib/escrow/read';
import { useApplications } from '@/lib/governance/hooks';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';
import { UtcDay } from '../ui/UtcDay';

const chainId = appChain.id;
const usd = { decimals: PAYMENT_DECIMALS, symbol: PAYMENT_SYMBOL, minFractionDigits: 2, maxFractionDigits: 6 } as const;

/** Miners page: one Escrow card per product of the connected miner (released, withdrawn, withdrawable, halt). */
export function MinerEscrow({ account }: { account: Address }) {
  const { t } = useI18n();
  const apps = useApplications(account);
  const withProduct = (apps.data ?? []).filter((a) => a.productId !== 0n);
  if (withProduct.length === 0) return null;
  return (
    <section className="space-y-3" data-testid="miner-escrow">
      <h2 className="text-xl font-semibold">{t('minerEscrow.section')}</h2>
      <p className="max-w-3xl text-sm text-slate-600">{t('minerEscrow.explain')}</p>
      <ul className="grid gap-3 md:grid-cols-2">
        {withProduct.map((a) => (
          <EscrowCard key={a.id.toString()} productId={a.productId} name={a.name} status={registryStatus(a.status)} account={account} />
        ))}
      </ul>
    </section>
  );
}

function EscrowCard({ productId, name, status, account }: { productId: bigint; name: string; status: string; account: Address }) {
  const { t } = useI18n();
  const escrow = useProductEscrow(productId);
  const tx = useTransaction();
  const withdraw = () =>
    tx.run({
      address: getDeployment().RevenueEscrow,
      abi: revenueEscrowAbi,
      functionName: 'withdraw',
      args: [productId],
      account,
      label: t('minerEscrow.withdrawing'),
      invalidate: [queryKeys.productEscrow(chainId, productId), queryKeys.insuranceFund(chainId), queryKeys.paymentAll(chainId, account)],
    });
  return (
    <li className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 text-sm" data-testid={`escrow-card-${productId}`}>
      <div>
        <p className="font-medium">{name}</p>
        <p className="text-xs text-slate-500">{t('minerEscrow.product', { id: productId.toString(), status: t(`record.status.${status}` as 'record.status.Active') })}</p>
      </div>
      {escrow.isPending ? (
        <div className="h-16 animate-pulse rounded bg-slate-100" aria-busy="true" />
      ) : escrow.error ? (
        <ErrorBox message={t('escrow.error', { reason: escrow.error.message.split('\n')[0] ?? '' })} onRetry={() => escrow.refetch()} />
      ) : (
        <>
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
            <dt className="text-slate-500">{t('minerEscrow.credited')}</dt>
            <dd><Amount value={escrow.data.credited} {...usd} /></dd>
            <dt className="text-slate-500">{t('minerEscrow.released')}</dt>
            <dd data-testid="miner-released"><Amount value={escrow.data.released} {...usd} /></dd>
            <dt className="text-slate-500">{t('minerEscrow.withdrawn')}</dt>
            <dd data-testid="miner-withdrawn"><Amount value={escrow.data.withdrawn} {...usd} /></dd>
            {escrow.data.refunded > 0n ? (
              <>
                <dt className="text-slate-500">{t('minerEscrow.refunded')}</dt>
                <dd><Amount value={escrow.data.refunded} {...usd} /></dd>
              </>
            ) : null}
            <dt className="font-medium text-slate-700">{t('minerEscrow.withdrawable')}</dt>
            <dd className="font-semibold" data-testid="miner-withdrawable"><Amount value={escrow.data.withdrawable} {...usd} /></dd>
          </dl>
          {escrow.data.halted ? (
            <p className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900" data-testid="miner-halted">
              {t('minerEscrow.halted')} <UtcDay day={escrow.data.haltDay} />
            </p>
          ) : null}
          <Button data-testid="miner-withdraw" disabled={tx.busy || escrow.data.withdrawable === 0n} onClick={withdraw}>
            {t('minerEscrow.withdraw')}
          </Button>
          <TxStatus state={tx.state} />
        </>
      )}
    </li>
  );
}
