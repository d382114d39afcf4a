'use client';

import Link from 'next/link';
import { useState } from 'react';
import { parseEventLogs, type Address } from 'viem';
import { loanMarketAbi } from '@/contracts-abi/LoanMarket.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatHashrate } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { useLoanActions } from '@/lib/loans/hooks';
import type { LoanBook } from '@/lib/loans/read';
import { isParty, nftMismatch, repaymentAtMaturity, type LoanPosition } from '@/lib/loans/terms';
import { useOwnedTokens } from '@/lib/market/hooks';
import { useYieldTokenBalance } from '@/lib/yield/hooks';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';
import { CriteriaText, ifilUnits, LtvNote, PositionRowTop, useDays, usd } from './LoanBits';

/** The offer book's collateral filter: every offer, offers an NFT of a product meets, offers open to any NFT, IFIL. */
type Filter = 'all' | 'anyNft' | 'ifil' | `product:${string}`;

function applyFilter(book: LoanBook, filter: Filter): LoanPosition[] {
  if (filter === 'all') return book.offers;
  if (filter === 'ifil') return book.offers.filter((o) => o.kind === 'Ifil');
  if (filter === 'anyNft') return book.offers.filter((o) => o.kind === 'Nft' && o.productId === 0n);
  const product = book.products.find((p) => `product:${p.product.productId}` === filter);
  return product ? book.offers.filter((o) => nftMismatch(o, product, book.chainTime) === null) : [];
}

/** Open lender offers, best first, with a collateral filter and Accept. */
export function OfferBook({ book, filPrice }: { book: LoanBook; filPrice: bigint | null }) {
  const { t, tag } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  // Kept here: the taken offer leaves the book (and its row) once the book reloads.
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const offers = applyFilter(book, filter);
  return (
    <section className="space-y-4" data-testid="offer-book">
      {accepted ? <AcceptedNotice accepted={accepted} /> : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">{t('loans.offers.explain')}</p>
        <label className="text-sm font-medium">
          {t('loans.filter.label')}
          <select className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm" value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="offer-filter">
            <option value="all">{t('loans.filter.all')}</option>
            {book.products.map((p) => (
              <option key={p.product.productId.toString()} value={`product:${p.product.productId}`}>
                {t('loans.filter.product', { product: p.product.productId.toString(), hashrate: formatHashrate(p.product.hashratePerNFT, p.product.coin, tag), coin: p.product.coin })}
              </option>
            ))}
            <option value="anyNft">{t('loans.filter.anyNft')}</option>
            <option value="ifil">{t('loans.filter.ifil')}</option>
          </select>
        </label>
      </div>
      {offers.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="offers-empty">
          {book.offers.length === 0 ? t('loans.offers.none') : t('loans.offers.noneFiltered')}
        </p>
      ) : (
        <ul className="space-y-3">
          {offers.map((o) => (
            <li key={o.id.toString()}>
              <OfferRow offer={o} book={book} filPrice={filPrice} onAccepted={setAccepted} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OfferRow({ offer, book, filPrice, onAccepted }: { offer: LoanPosition; book: LoanBook; filPrice: bigint | null; onAccepted: (a: Accepted) => void }) {
  const { t } = useI18n();
  const { account } = useConnectedAccount();
  const [open, setOpen] = useState(false);
  const own = isParty(offer, account).lender;
  const { interest } = repaymentAtMaturity(offer, book.feeBps);
  return (
    <article className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid={`offer-${offer.id}`} data-id={offer.id.toString()}>
      <PositionRowTop
        position={offer}
        party={{ label: t('loans.col.lender'), address: offer.lender! }}
        own={own}
        yours={t('loans.offers.yours')}
        action={
          <Button data-testid="offer-accept" variant={open ? 'secondary' : 'primary'} onClick={() => setOpen(!open)}>
            {open ? t('loans.close') : t('loans.offers.accept')}
          </Button>
        }
      />
      <p className="text-sm text-slate-700" data-testid="offer-criteria">
        <span className="text-slate-500">{t('loans.col.collateral')}: </span>
        <CriteriaText offer={offer} products={book.products} />
        {offer.kind === 'Ifil' ? (
          <>
            {' '}
            <LtvNote principal={offer.principal} ifil={offer.collateral} filPrice={filPrice} />
          </>
        ) : null}
      </p>
      <p className="text-xs text-slate-500">
        {t('loans.offers.interestAtMaturity')} <Amount value={interest} {...usd} />
      </p>
      {open && account ? <AcceptOffer offer={offer} book={book} account={account} onAccepted={onAccepted} /> : null}
    </article>
  );
}

/** A taken offer: the loan's id and the USDT that arrived (from the LoanStarted event). */
export type Accepted = { id: bigint; amount: bigint };

export function AcceptedNotice({ accepted }: { accepted: Accepted }) {
  const { t } = useI18n();
  return (
    <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="accept-done" data-value={accepted.amount.toString()}>
      {t('loans.accept.done', { id: accepted.id.toString() })} <strong><Amount value={accepted.amount} {...usd} /></strong>{' '}
      <Link href="/loans?tab=mine" className="font-medium underline">{t('loans.accept.toMine')}</Link>
    </p>
  );
}

/**
 * Choose the collateral (a qualifying NFT of yours, or the offer's IFIL), approve it and accept; `onAccepted` gets
 * the loan id and the USDT received (the offer leaves the book, so the caller keeps the confirmation).
 */
export function AcceptOffer({
  offer,
  book,
  account,
  tokenId: fixedToken,
  onAccepted,
}: {
  offer: LoanPosition;
  book: Pick<LoanBook, 'products' | 'chainTime' | 'gracePeriod'>;
  account: Address;
  tokenId?: bigint;
  onAccepted: (a: Accepted) => void;
}) {
  const { t } = useI18n();
  const days = useDays();
  const owned = useOwnedTokens(account);
  const ifil = useYieldTokenBalance('FIL', account);
  const actions = useLoanActions(account);
  const [chosen, setChosen] = useState<string>(fixedToken?.toString() ?? '');

  const statusOf = (productId: bigint) => book.products.find((p) => p.product.productId === productId)?.status ?? null;
  // Each NFT of yours checked once: the qualifying ones to choose from, the reasons for the others.
  const checked = offer.kind === 'Nft' ? (owned.data ?? []).map((o) => ({ ...o, why: nftMismatch(offer, { product: o.product, status: statusOf(o.product.productId) }, book.chainTime) })) : [];
  const qualifying = checked.filter((o) => o.why === null);
  const tokenId = fixedToken ?? (chosen ? BigInt(chosen) : (qualifying[0]?.tokenId ?? null));
  const shortIfil = offer.kind === 'Ifil' && ifil.data !== undefined && ifil.data < offer.collateral;
  const ready = offer.kind === 'Nft' ? tokenId !== null : ifil.data !== undefined && !shortIfil;

  async function accept() {
    const receipt = await actions.acceptOffer(offer, tokenId);
    const started = receipt && parseEventLogs({ abi: loanMarketAbi, logs: receipt.logs, eventName: 'LoanStarted' })[0];
    if (started) onAccepted({ id: started.args.id!, amount: started.args.principal! });
  }

  return (
    <div className="space-y-3 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm" data-testid="accept-panel">
      {offer.kind === 'Nft' ? (
        fixedToken !== undefined ? null : owned.isPending ? (
          <p>{t('common.loading')}</p>
        ) : qualifying.length === 0 ? (
          <div className="text-amber-900" data-testid="accept-no-nft">
            <p>{t('loans.accept.noNft')}</p>
            {checked.length > 0 ? (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {checked.map((o) => (
                  <li key={o.tokenId.toString()} data-testid={`accept-mismatch-${o.tokenId}`} data-reason={o.why ?? ''}>
                    NFT #{o.tokenId.toString()}: {t(`loans.mismatch.${o.why ?? 'product'}`)}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : (
          <label className="block font-medium">
            {t('loans.accept.chooseNft')}
            <select className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5" value={tokenId?.toString() ?? ''} onChange={(e) => setChosen(e.target.value)} data-testid="accept-token">
              {qualifying.map((o) => (
                <option key={o.tokenId.toString()} value={o.tokenId.toString()}>
                  NFT #{o.tokenId.toString()} · {t('nft.attr.product')} {o.product.productId.toString()}
                </option>
              ))}
            </select>
          </label>
        )
      ) : (
        <p data-testid="accept-ifil">
          {t('loans.accept.pledgeIfil')} <strong><Amount value={offer.collateral} {...ifilUnits} maxFractionDigits={18} /></strong>
          {ifil.data !== undefined ? (
            <span className="ml-2 text-xs text-slate-600">
              ({t('loans.accept.youHold')} <Amount value={ifil.data} {...ifilUnits} />)
            </span>
          ) : null}
        </p>
      )}
      {shortIfil ? <p className="text-amber-900">{t('loans.accept.shortIfil')}</p> : null}
      <p className="text-xs text-slate-700">
        {t('loans.accept.terms', { duration: days(offer.duration), grace: days(book.gracePeriod) })}
      </p>
      <Button data-testid="accept-confirm" disabled={!ready || actions.tx.busy} onClick={accept}>
        {t('loans.accept.confirm')} <Amount value={offer.principal} {...usd} className="ml-1" />
      </Button>
      <TxStatus state={actions.tx.state} />
    </div>
  );
}
