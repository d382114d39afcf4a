'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useI18n } from '@/lib/i18n/client';
import { useLoanActions } from '@/lib/loans/hooks';
import type { LoanBook } from '@/lib/loans/read';
import { isParty, repaymentAtMaturity, type LoanPosition } from '@/lib/loans/terms';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';
import { CoverageLine, PledgedCollateral, PositionRowTop, usd } from './LoanBits';

/** Open borrower requests (collateral already pledged), newest first, with Fund. */
export function RequestList({ book, filPrice }: { book: LoanBook; filPrice: bigint | null }) {
  const { t } = useI18n();
  // Kept here: the funded request leaves the list (and its row) once the book reloads.
  const [funded, setFunded] = useState<LoanPosition | null>(null);
  return (
    <section className="space-y-4" data-testid="request-list">
      {funded ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="fund-done">
          {t('loans.requests.funded', { id: funded.id.toString() })} <Amount value={funded.principal} {...usd} />{' '}
          <Link href="/loans?tab=mine" className="font-medium underline">{t('loans.accept.toMine')}</Link>
        </p>
      ) : null}
      <p className="max-w-2xl text-sm text-slate-600">{t('loans.requests.explain')}</p>
      {book.requests.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="requests-empty">
          {t('loans.requests.none')}
        </p>
      ) : (
        <ul className="space-y-3">
          {book.requests.map((r) => (
            <li key={r.id.toString()}>
              <RequestRow request={r} book={book} filPrice={filPrice} onFunded={setFunded} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestRow({ request, book, filPrice, onFunded }: { request: LoanPosition; book: LoanBook; filPrice: bigint | null; onFunded: (r: LoanPosition) => void }) {
  const { t } = useI18n();
  const { account } = useConnectedAccount();
  const actions = useLoanActions(account);
  const own = isParty(request, account).borrower;
  const back = repaymentAtMaturity(request, book.feeBps);
  const nft = book.nfts.get(request.collateral);

  async function fund() {
    if (await actions.fundRequest(request)) onFunded(request);
  }

  return (
    <article className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid={`request-${request.id}`}>
      <PositionRowTop
        position={request}
        party={{ label: t('loans.col.borrower'), address: request.borrower! }}
        own={own}
        yours={t('loans.requests.yours')}
        action={
          <Button data-testid="request-fund" disabled={actions.tx.busy} onClick={fund}>
            {t('loans.requests.fund')} <Amount value={request.principal} {...usd} className="ml-1" />
          </Button>
        }
      />
      <p className="text-sm">
        <span className="text-slate-500">{t('loans.col.collateral')}: </span>
        <PledgedCollateral position={request} nft={nft} />
      </p>
      <CoverageLine position={request} nft={nft} now={book.chainTime} debt={request.principal + back.interest} filPrice={filPrice} />
      <p className="text-xs text-slate-500">
        {t('loans.requests.youGetBack')} <Amount value={back.toLender} {...usd} />
      </p>
      <TxStatus state={actions.tx.state} />
    </article>
  );
}
