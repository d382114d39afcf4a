'use client';

import { useState, type ReactNode } from 'react';
import { parseEventLogs, type Address, type TransactionReceipt } from 'viem';
import { useTickingChainTime } from '@/lib/chain/chainTime';
import { IFIL_DECIMALS } from '@/lib/chain/contracts';
import { loanMarketAbi } from '@/contracts-abi/LoanMarket.gen';
import { formatAmount, formatUsd } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import { useLoanActions, useMyLoans } from '@/lib/loans/hooks';
import type { MyLoans as MyLoansData, ProductWithStatus } from '@/lib/loans/read';
import { amountDueAt, foreclosableAtOf, maturityOf, repaymentAtMaturity, type LoanPosition } from '@/lib/loans/terms';
import { AddressLabel } from '../ui/AddressLabel';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Countdown } from '../ui/Countdown';
import { ErrorBox } from '../ui/ErrorBox';
import { LocalDate } from '../ui/LocalDate';
import { TxStatus } from '../ui/TxStatus';
import { CoverageLine, CriteriaText, Fact, formatPercent, ifilUnits, PledgedCollateral, StateBadge, TermFacts, useDays, usd } from './LoanBits';

type Notify = (text: string) => void;

/** The account's side of the loan market: loans as borrower and as lender, open offers and requests, credit. */
export function MyLoans({ account, products, filPrice }: { account: Address; products: ProductWithStatus[]; filPrice: bigint | null }) {
  const { t } = useI18n();
  const q = useMyLoans(account);
  // Kept here: a repaid, foreclosed or cancelled position moves out of its card once the data reloads.
  const [notice, setNotice] = useState<string | null>(null);
  if (q.isPending) return <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />;
  if (q.error) return <ErrorBox message={t('loans.error', { reason: q.error.message.split('\n')[0] ?? '' })} onRetry={() => q.refetch()} />;
  const d = q.data;
  const activeBorrowing = d.borrowing.filter((p) => p.state === 'Active');
  const activeLending = d.lending.filter((p) => p.state === 'Active');
  const closed = [...d.borrowing, ...d.lending].filter((p) => p.state !== 'Active').sort((a, b) => (a.id < b.id ? 1 : -1));
  return (
    <div className="space-y-8" data-testid="my-loans">
      {notice ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="loans-notice">
          {notice}
        </p>
      ) : null}
      {d.credit > 0n ? <CreditRow account={account} credit={d.credit} /> : null}

      <Section title={t('loans.mine.borrowing')} empty={t('loans.mine.noBorrowing')} count={activeBorrowing.length} testId="borrowing">
        {activeBorrowing.map((p) => (
          <BorrowerLoanCard key={p.id.toString()} loan={p} data={d} account={account} filPrice={filPrice} onNotice={setNotice} />
        ))}
      </Section>

      <Section title={t('loans.mine.lending')} empty={t('loans.mine.noLending')} count={activeLending.length} testId="lending">
        {activeLending.map((p) => (
          <LenderLoanCard key={p.id.toString()} loan={p} data={d} account={account} filPrice={filPrice} onNotice={setNotice} />
        ))}
      </Section>

      <Section title={t('loans.mine.open')} empty={t('loans.mine.noOpen')} count={d.offers.length + d.requests.length} testId="open-positions">
        {[...d.offers, ...d.requests]
          .sort((a, b) => (a.id < b.id ? 1 : -1))
          .map((p) => (
            <OpenPositionRow key={p.id.toString()} position={p} data={d} products={products} account={account} onNotice={setNotice} />
          ))}
      </Section>

      {closed.length > 0 ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t('loans.mine.history')}</h2>
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm" data-testid="loan-history">
            {closed.map((p) => (
              <li key={p.id.toString()} className="flex flex-wrap items-center gap-3 px-4 py-2" data-testid={`history-${p.id}`}>
                <span className="text-slate-400">#{p.id.toString()}</span>
                <StateBadge state={p.state} />
                <span>{p.borrower?.toLowerCase() === account.toLowerCase() ? t('loans.mine.youBorrowed') : t('loans.mine.youLent')}</span>
                <Amount value={p.principal} {...usd} />
                <PledgedCollateral position={p} nft={d.nfts.get(p.collateral)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function Section({ title, empty, count, testId, children }: { title: string; empty: string; count: number; testId: string; children: ReactNode }) {
  return (
    <section className="space-y-3" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {count === 0 ? <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">{empty}</p> : <ul className="space-y-3">{children}</ul>}
    </section>
  );
}

/** Maturity with a countdown on chain time, and (once past it) from when the lender may foreclose. */
function Deadlines({ loan }: { loan: LoanPosition }) {
  const { t } = useI18n();
  const now = useTickingChainTime();
  const maturity = maturityOf(loan);
  const foreclosableAt = foreclosableAtOf(loan);
  const overdue = now !== undefined && now >= maturity;
  return (
    <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
      <Fact label={t('loans.col.maturity')} testId="loan-maturity">
        <LocalDate seconds={maturity} withTime /> · <Countdown end={maturity} className="font-mono text-xs" />
      </Fact>
      <Fact label={t('loans.col.foreclosableAt')} testId="loan-foreclosable-at">
        <LocalDate seconds={foreclosableAt} withTime /> · <Countdown end={foreclosableAt} className="font-mono text-xs" />
      </Fact>
      {overdue ? (
        <p className="rounded bg-amber-50 p-2 text-xs text-amber-900 sm:col-span-2" data-testid="loan-overdue">
          {t('loans.mine.overdue')}
        </p>
      ) : null}
    </dl>
  );
}

/** A loan card's top: id, state and the other party; the terms and collateral; maturity and foreclosure time. */
function LoanSummary({ loan, data, who, party }: { loan: LoanPosition; data: MyLoansData; who: string; party: Address }) {
  const { t } = useI18n();
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="font-semibold">#{loan.id.toString()}</h3>
        <StateBadge state={loan.state} />
        <span className="text-sm text-slate-500">
          {who} <AddressLabel address={party} />
        </span>
      </div>
      <TermFacts
        position={loan}
        testPrefix="loan"
        last={{ label: t('loans.col.collateral'), node: <PledgedCollateral position={loan} nft={data.nfts.get(loan.collateral)} /> }}
      />
      <Deadlines loan={loan} />
    </>
  );
}

/** An active loan you borrowed: what is due now, maturity, the collateral against the debt, its yield, Repay. */
function BorrowerLoanCard({ loan, data, account, filPrice, onNotice }: { loan: LoanPosition; data: MyLoansData; account: Address; filPrice: bigint | null; onNotice: Notify }) {
  const { t, tag } = useI18n();
  const actions = useLoanActions(account);
  const due = data.due.get(loan.id) ?? amountDueAt(loan, data.chainTime);
  const claimable = loan.kind === 'Nft' ? (data.claimable.get(loan.collateral) ?? 0n) : null;
  const [claimed, setClaimed] = useState<bigint | null>(null);

  async function repay() {
    const r = await actions.repay(loan);
    const repaid = r && parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'LoanRepaid' })[0];
    if (repaid) onNotice(t('loans.mine.repaid', { id: loan.id.toString(), amount: formatUsd(repaid.args.principal! + repaid.args.interest!, tag) }));
  }
  async function claim() {
    setClaimed(null);
    const r = await actions.claimYield(loan);
    if (r) setClaimed(forwarded(r));
  }

  return (
    <li className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid={`borrow-${loan.id}`}>
      <LoanSummary loan={loan} data={data} who={t('loans.col.lender')} party={loan.lender!} />
      <div className="flex flex-wrap items-center gap-4 rounded-lg bg-slate-50 p-3">
        <div>
          <p className="text-xs text-slate-500">{t('loans.mine.dueNow')}</p>
          <p className="text-xl font-bold" data-testid="loan-due" data-value={due.total.toString()}>
            <Amount value={due.total} {...usd} />
          </p>
          <p className="text-xs text-slate-500">
            {t('loans.mine.interestSoFar')} <Amount value={due.interest} {...usd} />
          </p>
        </div>
        <Button data-testid="loan-repay" disabled={actions.tx.busy} onClick={repay}>
          {t('loans.mine.repay')}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t('loans.mine.repayHint')}</p>
      <CoverageLine position={loan} nft={data.nfts.get(loan.collateral)} now={data.chainTime} debt={due.total} filPrice={filPrice} />
      {claimable !== null ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-slate-500">{t('loans.mine.pledgedYield')}</span>
          <strong data-testid="loan-claimable" data-value={claimable.toString()}>
            <Amount value={claimable} {...ifilUnits} maxFractionDigits={18} />
          </strong>
          <Button variant="secondary" data-testid="loan-claim-yield" disabled={actions.tx.busy || claimable === 0n} onClick={claim}>
            {claimable === 0n ? t('tokenYield.nothing') : t('loans.mine.claimYield')}
          </Button>
          {claimed !== null ? (
            <span className="text-emerald-700" data-testid="loan-claimed" data-value={claimed.toString()}>
              {t('loans.mine.claimed', { amount: formatAmount(claimed, IFIL_DECIMALS, { locale: tag, maxFractionDigits: 18 }) })}
            </span>
          ) : null}
        </div>
      ) : null}
      <TxStatus state={actions.tx.state} />
    </li>
  );
}

/** The yield a claimYield receipt forwarded (YieldForwarded, summed). */
function forwarded(r: TransactionReceipt): bigint {
  return parseEventLogs({ abi: loanMarketAbi, logs: r.logs, eventName: 'YieldForwarded' }).reduce((s, l) => s + l.args.amount!, 0n);
}

/** An active loan you made: the repayment you expect, maturity, and Foreclose from maturity + grace. */
function LenderLoanCard({ loan, data, account, filPrice, onNotice }: { loan: LoanPosition; data: MyLoansData; account: Address; filPrice: bigint | null; onNotice: Notify }) {
  const { t } = useI18n();
  const actions = useLoanActions(account);
  const now = useTickingChainTime();
  const expected = repaymentAtMaturity(loan, loan.feeBps);
  const dueNow = amountDueAt(loan, data.chainTime);
  const foreclosable = now !== undefined && now >= foreclosableAtOf(loan);

  async function foreclose() {
    if (await actions.foreclose(loan)) onNotice(t('loans.mine.foreclosed', { id: loan.id.toString() }));
  }

  return (
    <li className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid={`lend-${loan.id}`}>
      <LoanSummary loan={loan} data={data} who={t('loans.col.borrower')} party={loan.borrower!} />
      <dl className="grid grid-cols-1 gap-2 rounded-lg bg-slate-50 p-3 text-sm sm:grid-cols-2">
        <Fact label={t('loans.mine.expected')} testId="loan-expected">
          <Amount value={expected.toLender} {...usd} />
        </Fact>
        <Fact label={t('loans.mine.owedNow')}>
          <Amount value={dueNow.total - dueNow.fee} {...usd} />
        </Fact>
      </dl>
      <CoverageLine position={loan} nft={data.nfts.get(loan.collateral)} now={data.chainTime} debt={dueNow.total} filPrice={filPrice} />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant={foreclosable ? 'primary' : 'secondary'} data-testid="loan-foreclose" disabled={!foreclosable || actions.tx.busy} onClick={foreclose}>
          {t('loans.mine.foreclose')}
        </Button>
        {!foreclosable ? <span className="text-xs text-slate-500">{t('loans.mine.forecloseLater')}</span> : null}
      </div>
      <TxStatus state={actions.tx.state} />
    </li>
  );
}

/** Your open offer (its principal is escrowed) or request (its collateral is pledged), with Cancel. */
function OpenPositionRow({ position, data, products, account, onNotice }: { position: LoanPosition; data: MyLoansData; products: ProductWithStatus[]; account: Address; onNotice: Notify }) {
  const { t, tag } = useI18n();
  const days = useDays();
  const actions = useLoanActions(account);
  async function cancel() {
    if (await actions.cancel(position)) {
      onNotice(
        position.state === 'Offer'
          ? t('loans.mine.offerCancelled', { id: position.id.toString(), amount: formatUsd(position.principal, tag) })
          : t('loans.mine.requestCancelled', { id: position.id.toString() }),
      );
    }
  }
  return (
    <li className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid={`open-${position.id}`}>
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-slate-400">#{position.id.toString()}</span>
        <StateBadge state={position.state} />
        <Amount value={position.principal} {...usd} className="font-semibold" />
        <span>{formatPercent(position.aprBps, tag)}</span>
        <span>{days(position.duration)}</span>
        <span className="text-slate-600">
          {position.state === 'Offer' ? <CriteriaText offer={position} products={products} /> : <PledgedCollateral position={position} nft={data.nfts.get(position.collateral)} />}
        </span>
        <Button variant="secondary" className="ml-auto" data-testid="position-cancel" disabled={actions.tx.busy} onClick={cancel}>
          {position.state === 'Offer' ? t('loans.mine.cancelOffer') : t('loans.mine.cancelRequest')}
        </Button>
      </div>
      {position.state === 'Request' && position.kind === 'Nft' && (data.claimable.get(position.collateral) ?? 0n) > 0n ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
          {t('loans.mine.pledgedYield')} <Amount value={data.claimable.get(position.collateral)!} {...ifilUnits} />
          <Button variant="secondary" className="px-2 py-0.5 text-xs" disabled={actions.tx.busy} onClick={() => actions.claimYield(position)}>
            {t('loans.mine.claimYield')}
          </Button>
        </p>
      ) : null}
      <TxStatus state={actions.tx.state} />
    </li>
  );
}

/** USDT a repayment could not deliver to you (credited instead), with Withdraw. */
function CreditRow({ account, credit }: { account: Address; credit: bigint }) {
  const { t } = useI18n();
  const actions = useLoanActions(account);
  return (
    <section className="flex flex-wrap items-center gap-4 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm" data-testid="loan-credit">
      <p>
        {t('loans.mine.credit')} <strong><Amount value={credit} {...usd} /></strong>
      </p>
      <Button data-testid="withdraw-credit" disabled={actions.tx.busy} onClick={() => actions.withdrawCredit(credit)}>
        {t('loans.mine.withdrawCredit')}
      </Button>
      <TxStatus state={actions.tx.state} />
    </section>
  );
}
