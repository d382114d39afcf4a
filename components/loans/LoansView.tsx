'use client';

import Link from 'next/link';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useMounted } from '@/lib/useMounted';
import { useI18n } from '@/lib/i18n/client';
import type { MessageKey } from '@/lib/i18n/messages/en';
import { useLoanBook } from '@/lib/loans/hooks';
import { useFilPrice } from '@/lib/yield/useFilPrice';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { FilPriceInput } from '../ui/FilPriceInput';
import { CreateOfferForm } from './CreateOfferForm';
import { CreateRequestForm } from './CreateRequestForm';
import { formatPercent, useDays } from './LoanBits';
import { MyLoans } from './MyLoans';
import { OfferBook } from './OfferBook';
import { RequestList } from './RequestList';
import { LOAN_TABS, type LoanTab } from './tabs';

const TAB_LABELS: Record<LoanTab, MessageKey> = {
  offers: 'loans.tab.offers',
  requests: 'loans.tab.requests',
  mine: 'loans.tab.mine',
  'new-offer': 'loans.tab.newOffer',
  'new-request': 'loans.tab.newRequest',
};
/** Tabs that act for the connected account. */
const NEEDS_ACCOUNT: LoanTab[] = ['mine', 'new-offer', 'new-request'];

/** /loans: the offer book, open requests, your loans, and the forms to post an offer or a request. */
export function LoansView({ tab, tokenId }: { tab: LoanTab; tokenId?: string }) {
  const { t, tag } = useI18n();
  const days = useDays();
  const { account, connect } = useConnectedAccount();
  const mounted = useMounted();
  const book = useLoanBook();
  const filPrice = useFilPrice();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('loans.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-600">{t('loans.subtitle')}</p>
        {book.data ? (
          <p className="mt-2 text-sm text-slate-500" data-testid="loan-settings">
            {t('loans.settings', { fee: formatPercent(book.data.feeBps, tag), grace: days(book.data.gracePeriod) })}
          </p>
        ) : null}
      </div>
      <nav className="flex flex-wrap gap-1 border-b border-slate-200" aria-label={t('loans.title')}>
        {LOAN_TABS.map((id) => (
          <Link
            key={id}
            href={`/loans?tab=${id}`}
            scroll={false}
            aria-current={tab === id ? 'page' : undefined}
            data-testid={`loans-tab-${id}`}
            className={`-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium ${tab === id ? 'border-sky-600 text-sky-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t(TAB_LABELS[id])}
          </Link>
        ))}
        <FilPriceInput price={filPrice} className="ml-auto flex items-center gap-2 pb-1 text-xs text-slate-500" inputClassName="w-20" />
      </nav>
      <p className="text-xs text-slate-500">{t('loans.filPriceNote')}</p>

      {book.isPending || !mounted ? (
        <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />
      ) : book.error ? (
        <ErrorBox message={t('loans.error', { reason: book.error.message.split('\n')[0] ?? '' })} onRetry={() => book.refetch()} />
      ) : NEEDS_ACCOUNT.includes(tab) && !account ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="text-slate-600">{t('loans.connect')}</p>
          <Button className="mt-4" onClick={connect}>
            {t('portfolio.connectButton')}
          </Button>
        </div>
      ) : tab === 'offers' ? (
        <OfferBook book={book.data} filPrice={filPrice.value} />
      ) : tab === 'requests' ? (
        <RequestList book={book.data} filPrice={filPrice.value} />
      ) : tab === 'mine' ? (
        <MyLoans account={account!} products={book.data.products} filPrice={filPrice.value} />
      ) : tab === 'new-offer' ? (
        <CreateOfferForm account={account!} book={book.data} filPrice={filPrice.value} />
      ) : (
        <CreateRequestForm account={account!} book={book.data} filPrice={filPrice.value} initialTokenId={tokenId} />
      )}
    </div>
  );
}
