'use client';

import Link from 'next/link';
import type { Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { insuranceFundAbi } from '@/contracts-abi/InsuranceFund.gen';
import { revenueEscrowAbi } from '@/contracts-abi/RevenueEscrow.gen';
import { useEscrowPortfolio } from '@/lib/escrow/hooks';
import type { PayoutClaim } from '@/lib/escrow/read';
import { fundTokenMeta } from '@/lib/escrow/tokens';
import { useI18n } from '@/lib/i18n/client';
import type { OwnedToken } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';

const chainId = appChain.id;

/** Portfolio: the unreleased escrow of NFTs of halted products to claim back, and insurance payouts to claim. */
export function DefaultClaims({ account, owned }: { account: Address; owned: OwnedToken[] | undefined }) {
  const { t } = useI18n();
  const data = useEscrowPortfolio(account, owned?.map((o) => o.tokenId));
  const tx = useTransaction();

  const claimAll = () =>
    tx.run({
      address: getDeployment().RevenueEscrow,
      abi: revenueEscrowAbi,
      functionName: 'claimRefund',
      args: [data.data!.refunds.map((r) => r.tokenId)],
      account,
      label: t('refunds.claiming'),
      invalidate: [queryKeys.escrowAll(chainId), queryKeys.paymentAll(chainId, account)],
    });

  if (owned === undefined || data.isPending) {
    return <div className="h-24 animate-pulse rounded-xl bg-white" aria-busy="true" />;
  }
  if (data.error) {
    return <ErrorBox message={t('refunds.error', { reason: data.error.message.split('\n')[0] ?? '' })} onRetry={() => data.refetch()} />;
  }
  const { refunds, refundTotal, payouts } = data.data;
  return (
    <>
      <section className="space-y-3" data-testid="halted-refunds">
        <h2 className="text-xl font-semibold">{t('refunds.title')}</h2>
        {refunds.length === 0 && tx.state.status === 'idle' ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{t('refunds.none')}</p>
        ) : (
          <div className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-5">
            <p className="text-sm text-red-900">{t('refunds.explain')}</p>
            {refunds.length > 0 ? (
              <ul className="divide-y divide-red-100 text-sm">
                {refunds.map((r) => (
                  <li key={r.tokenId.toString()} className="flex justify-between py-1" data-testid={`refund-${r.tokenId}`}>
                    <Link href={`/nft/${r.tokenId}`} className="text-sky-700 hover:underline">NFT #{r.tokenId.toString()}</Link>
                    <Amount value={r.amount} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} maxFractionDigits={6} />
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="flex flex-wrap items-center gap-4">
              <p className="text-lg font-bold" data-testid="refunds-total">
                {t('refunds.total')} <Amount value={refundTotal} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} maxFractionDigits={6} />
              </p>
              {refunds.length > 0 ? (
                <Button data-testid="claim-all-refunds" disabled={tx.busy} onClick={claimAll}>
                  {t('refunds.claimAll', { count: refunds.length })}
                </Button>
              ) : null}
            </div>
            <TxStatus state={tx.state} />
          </div>
        )}
      </section>
      <section className="space-y-3" data-testid="insurance-payouts">
        <h2 className="text-xl font-semibold">{t('payouts.title')}</h2>
        {payouts.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{t('payouts.none')}</p>
        ) : (
          <ul className="space-y-3">
            {payouts.map((p) => (
              <PayoutRow key={p.payoutId.toString()} payout={p} account={account} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PayoutRow({ payout, account }: { payout: PayoutClaim; account: Address }) {
  const { t } = useI18n();
  const tx = useTransaction();
  const meta = fundTokenMeta(payout.token);
  const claim = () =>
    tx.run({
      address: getDeployment().InsuranceFund,
      abi: insuranceFundAbi,
      functionName: 'claimPayout',
      args: [payout.payoutId, payout.tokens.map((x) => x.tokenId)],
      account,
      label: t('payouts.claiming'),
      token: meta,
      invalidate: [queryKeys.escrowAll(chainId), queryKeys.paymentAll(chainId, account)],
    });
  return (
    <li className="space-y-2 rounded-xl border border-emerald-200 bg-emerald-50 p-5 text-sm" data-testid={`payout-${payout.payoutId}`}>
      <p className="font-medium">
        {t('payouts.row', { id: payout.payoutId.toString(), product: payout.productId.toString(), count: payout.tokens.length })}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <p className="text-lg font-bold" data-testid="payout-claimable">
          <Amount value={payout.total} decimals={meta.decimals} symbol={meta.symbol} minFractionDigits={2} maxFractionDigits={6} />
        </p>
        <Button data-testid="claim-payout" disabled={tx.busy} onClick={claim}>
          {t('payouts.claim')}
        </Button>
      </div>
      <TxStatus state={tx.state} />
    </li>
  );
}
