'use client';

import Link from 'next/link';
import { PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { isLocalChain } from '@/lib/env';
import { formatHashrate } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { useOwnedTokens, usePaymentBalance } from '@/lib/market/hooks';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useHydratedValue } from '@/lib/useMounted';
import { useWalletUi } from '@/lib/chain/walletUi';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { AuctionsAndRefunds } from './AuctionsAndRefunds';
import { DefaultClaims } from './DefaultClaims';
import { FaucetButton } from './FaucetButton';
import { OwnedTokenCard } from './OwnedTokenCard';
import { useProductHealths } from '@/lib/escrow/hooks';
import { PledgedNfts } from './PledgedNfts';
import { StakedNfts } from './StakedNfts';
import { YieldSection } from './YieldSection';

export function PortfolioView() {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const { restored } = useWalletUi();
  // True while a page served connected hydrates; for a visitor it is false on both sides, so hydration does not
  // render the portfolio a second time.
  const waiting = useHydratedValue(false, restored);
  const balance = usePaymentBalance(account);
  const owned = useOwnedTokens(account);
  const healths = useProductHealths(owned.data?.map((o) => o.product.productId) ?? []);

  // A visitor served without a wallet connection sees the connect prompt from the first paint (the server renders it
  // too); only a page served connected waits for the browser, which knows the account.
  if (waiting) {
    return <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />;
  }
  if (!account) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight">{t('portfolio.title')}</h1>
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="text-slate-600">{t('portfolio.connect')}</p>
          <Button className="mt-4" onClick={connect}>
            {t('portfolio.connectButton')}
          </Button>
        </div>
      </div>
    );
  }

  // Sum per coin so FIL TiB and BTC TH/s are never added together.
  const totals = new Map<string, bigint>();
  for (const o of owned.data ?? []) totals.set(o.product.coin, (totals.get(o.product.coin) ?? 0n) + o.product.hashratePerNFT);
  const totalText = [...totals.entries()].map(([coin, v]) => formatHashrate(v, coin as 'FIL' | 'BTC', tag)).join(' + ');

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{t('portfolio.title')}</h1>
      <section className="flex flex-wrap items-center gap-6 rounded-xl border border-slate-200 bg-white p-5">
        <div>
          <p className="text-xs text-slate-500">{t('portfolio.account')}</p>
          <AddressLabel address={account} />
        </div>
        <div>
          <p className="text-xs text-slate-500">{t('portfolio.balance')}</p>
          <p className="text-2xl font-bold" data-testid="usdt-balance">
            {balance.data !== undefined ? <Amount value={balance.data} decimals={PAYMENT_DECIMALS} symbol={PAYMENT_SYMBOL} minFractionDigits={2} /> : t('common.loading')}
          </p>
        </div>
        {isLocalChain ? <FaucetButton account={account} /> : null}
      </section>

      <AuctionsAndRefunds account={account} />
      {owned.error ? null : <DefaultClaims account={account} owned={owned.data} />}

      <section className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 className="text-xl font-semibold">{t('portfolio.nfts')}</h2>
          {owned.data && owned.data.length > 0 ? (
            <p className="text-sm text-slate-600" data-testid="owned-count">
              {t('portfolio.nftsCount', { count: owned.data.length, hashrate: totalText })}
            </p>
          ) : null}
        </div>
        <PledgedNfts account={account} />
        <StakedNfts account={account} />
        {owned.isPending ? (
          <div className="h-32 animate-pulse rounded-xl bg-white" aria-busy="true" />
        ) : owned.error ? (
          <ErrorBox message={t('portfolio.error', { reason: owned.error.message.split('\n')[0] ?? '' })} onRetry={() => owned.refetch()} />
        ) : owned.data.length === 0 ? (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
            <p>{t('portfolio.empty')}</p>
            <Link href="/" className="mt-3 inline-block font-medium text-sky-700 hover:underline">
              {t('portfolio.browse')}
            </Link>
          </div>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="owned-grid">
            {owned.data.map((o) => (
              <li key={o.tokenId.toString()}>
                <OwnedTokenCard token={o} health={healths.data?.get(o.product.productId)} healthLoading={healths.isPending} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {owned.error ? null : <YieldSection account={account} owned={owned.data} />}
    </div>
  );
}
