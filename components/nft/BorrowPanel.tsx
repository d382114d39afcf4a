'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { Address } from 'viem';
import { getDeployment } from '@/lib/chain/contracts';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useI18n } from '@/lib/i18n/client';
import { useBestOffers, usePledge } from '@/lib/loans/hooks';
import { maturityOf, type LoanPosition } from '@/lib/loans/terms';
import type { TokenState } from '@/lib/market/hooks';
import { AcceptedNotice, AcceptOffer, type Accepted } from '../loans/OfferBook';
import { formatPercent, useDays, usd } from '../loans/LoanBits';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Countdown } from '../ui/Countdown';
import { ErrorBox } from '../ui/ErrorBox';
import { LocalDate } from '../ui/LocalDate';

const SHOWN = 3;

/**
 * Item page, loans: for the owner the best open offers this NFT meets, with Accept and a link to post a request;
 * for everyone, when the NFT is pledged, the loan (or request) it is pledged in.
 */
export function BorrowPanel({ token }: { token: TokenState }) {
  const { account } = useConnectedAccount();
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const pledged = token.owner.toLowerCase() === getDeployment().LoanMarket.toLowerCase();
  const isOwner = Boolean(account && account.toLowerCase() === token.owner.toLowerCase());
  if (pledged) return <PledgedPanel tokenId={token.tokenId} accepted={accepted} />;
  if (!isOwner) return null;
  return <BestOffers tokenId={token.tokenId} account={account!} onAccepted={setAccepted} />;
}

function Panel({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function BestOffers({ tokenId, account, onAccepted }: { tokenId: bigint; account: Address; onAccepted: (a: Accepted) => void }) {
  const { t, tag } = useI18n();
  const days = useDays();
  const q = useBestOffers(tokenId, account);
  const [open, setOpen] = useState<bigint | null>(null);
  const requestLink = (
    <Link href={`/loans?tab=new-request&tokenId=${tokenId}`} className="text-sm font-medium text-sky-700 hover:underline" data-testid="borrow-request-link">
      {t('borrow.postRequest')}
    </Link>
  );
  return (
    <Panel title={t('borrow.title')} testId="borrow-panel">
      <p className="text-xs text-slate-500">{t('borrow.explain')}</p>
      {q.isPending ? (
        <div className="h-16 animate-pulse rounded bg-slate-100" aria-busy="true" />
      ) : q.error ? (
        <ErrorBox message={t('loans.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />
      ) : q.data.offers.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="borrow-none">{t('borrow.none')}</p>
      ) : (
        <ul className="space-y-2">
          {q.data.offers.slice(0, SHOWN).map((o) => (
            <li key={o.id.toString()} className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm" data-testid="best-offer" data-id={o.id.toString()}>
              <div className="flex items-center justify-between gap-2">
                <div>
                  <p className="font-semibold">
                    <Amount value={o.principal} {...usd} />
                  </p>
                  <p className="text-xs text-slate-500">
                    {formatPercent(o.aprBps, tag)} · {days(o.duration)} · #{o.id.toString()}
                  </p>
                </div>
                <Button variant={open === o.id ? 'secondary' : 'primary'} data-testid="best-offer-accept" onClick={() => setOpen(open === o.id ? null : o.id)}>
                  {open === o.id ? t('loans.close') : t('loans.offers.accept')}
                </Button>
              </div>
              {open === o.id ? (
                <AcceptOffer
                  offer={o}
                  book={{ products: [q.data.nft], chainTime: q.data.chainTime, gracePeriod: q.data.gracePeriod }}
                  account={account}
                  tokenId={tokenId}
                  onAccepted={onAccepted}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {requestLink}
    </Panel>
  );
}

function PledgedPanel({ tokenId, accepted }: { tokenId: bigint; accepted: Accepted | null }) {
  const { t } = useI18n();
  const q = usePledge(tokenId);
  return (
    <Panel title={t('borrow.pledgedTitle')} testId="pledged-panel">
      {accepted ? <AcceptedNotice accepted={accepted} /> : null}
      {q.isPending ? (
        <div className="h-16 animate-pulse rounded bg-slate-100" aria-busy="true" />
      ) : q.error ? (
        <ErrorBox message={t('loans.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />
      ) : q.data ? (
        <PledgeFacts loan={q.data} />
      ) : (
        <p className="text-sm text-slate-600">{t('borrow.heldByMarket')}</p>
      )}
      <Link href="/loans?tab=mine" className="text-sm font-medium text-sky-700 hover:underline">
        {t('borrow.toLoans')}
      </Link>
    </Panel>
  );
}

function PledgeFacts({ loan }: { loan: LoanPosition }) {
  const { t } = useI18n();
  return (
    <div className="space-y-2 text-sm" data-testid="pledged-in" data-id={loan.id.toString()}>
      <p className="font-medium">{loan.state === 'Active' ? t('borrow.pledgedLoan', { id: loan.id.toString() }) : t('borrow.pledgedRequest', { id: loan.id.toString() })}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">{t('loans.col.borrower')}</dt>
        <dd>
          <AddressLabel address={loan.borrower!} />
        </dd>
        {loan.lender ? (
          <>
            <dt className="text-slate-500">{t('loans.col.lender')}</dt>
            <dd>
              <AddressLabel address={loan.lender} />
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">{t('loans.col.principal')}</dt>
        <dd>
          <Amount value={loan.principal} {...usd} />
        </dd>
        {loan.state === 'Active' ? (
          <>
            <dt className="text-slate-500">{t('loans.col.maturity')}</dt>
            <dd>
              <LocalDate seconds={maturityOf(loan)} withTime /> · <Countdown end={maturityOf(loan)} className="font-mono text-xs" />
            </dd>
          </>
        ) : null}
      </dl>
      <p className="text-xs text-slate-500">{t('borrow.yieldStays')}</p>
    </div>
  );
}
