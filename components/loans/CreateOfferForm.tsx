'use client';

import type { Address } from 'viem';
import { formatUsd } from '@/lib/format/amount';
import { COINS, formatHashrate, hashrateUnit, type Coin } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { offerFormSchema, OFFER_COLLATERALS, type OfferCollateral } from '@/lib/loans/forms';
import { useLoanActions } from '@/lib/loans/hooks';
import type { LoanBook } from '@/lib/loans/read';
import { repaymentAtMaturity } from '@/lib/loans/terms';
import { usePaymentBalance } from '@/lib/market/hooks';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Field, inputClass, issueOf, PostedOrStatus, RadioChoice, usePostingForm } from './FormBits';
import { formatPercent, LtvNote, useDays, usd } from './LoanBits';

/** A lender's offer: principal (escrowed now), APR, duration, and the collateral it accepts. */
export function CreateOfferForm({ account, book, filPrice }: { account: Address; book: LoanBook; filPrice: bigint | null }) {
  const { t, tag } = useI18n();
  const days = useDays();
  const balance = usePaymentBalance(account);
  const actions = useLoanActions(account);
  const form = usePostingForm({ principal: '', apr: '', days: '30', collateral: 'product' as string, productId: book.products[0]?.product.productId.toString() ?? '', coin: 'FIL', minHashrate: '', minTermLeftDays: '', ifilAmount: '' }, actions.tx);
  const v = form.values;
  const parsed = offerFormSchema({ balance: balance.data ?? null, productIds: book.products.map((p) => p.product.productId) }).safeParse(v);
  const err = (f: string) => issueOf(parsed, form.submitted, f, t);
  const collateral = v.collateral as OfferCollateral;
  const preview = parsed.success ? repaymentAtMaturity(parsed.data, book.feeBps) : null;


  return (
    <form className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" noValidate onSubmit={form.onSubmit(parsed, actions.postOffer)} data-testid="offer-form">
      <p className="text-sm text-slate-600">{t('loans.newOffer.explain')}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label={t('loans.form.principal')}
          name="principal"
          value={v.principal}
          onChange={form.set('principal')}
          error={err('principal')}
          placeholder="100"
          hint={balance.data !== undefined ? t('loans.form.usdtBalance', { amount: formatUsd(balance.data, tag) }) : undefined}
        />
        <Field label={t('loans.form.apr')} name="apr" value={v.apr} onChange={form.set('apr')} error={err('apr')} placeholder="12" />
        <Field label={t('loans.form.days')} name="days" value={v.days} onChange={form.set('days')} error={err('days')} inputMode="numeric" />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{t('loans.form.collateral')}</legend>
        <RadioChoice name="collateral" options={OFFER_COLLATERALS} value={collateral} onChange={form.set('collateral')} label={(c) => t(`loans.form.collateral.${c}`)} testPrefix="offer-collateral" />
        {collateral === 'product' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <label className="block text-sm font-medium">
              {t('loans.form.product')}
              <select className={inputClass} value={v.productId} onChange={(e) => form.set('productId')(e.target.value)} data-testid="field-productId" aria-invalid={Boolean(err('productId'))}>
                {book.products.map((p) => (
                  <option key={p.product.productId.toString()} value={p.product.productId.toString()}>
                    {t('loans.form.productOption', { product: p.product.productId.toString(), hashrate: formatHashrate(p.product.hashratePerNFT, p.product.coin, tag), coin: p.product.coin, node: p.product.nodeId })}
                  </option>
                ))}
              </select>
              {err('productId') ? <span role="alert" className="mt-1 block text-xs text-red-700">{err('productId')}</span> : null}
            </label>
            <Field label={t('loans.form.minTermLeft')} name="minTermLeftDays" value={v.minTermLeftDays} onChange={form.set('minTermLeftDays')} error={err('minTermLeftDays')} inputMode="numeric" placeholder="0" hint={t('loans.form.minTermLeftHint')} />
          </div>
        ) : collateral === 'anyNft' ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <label className="block text-sm font-medium">
              {t('nft.attr.coin')}
              <select className={inputClass} value={v.coin} onChange={(e) => form.set('coin')(e.target.value)} data-testid="field-coin">
                {COINS.map((c) => (
                  <option key={c} value={c}>{c}</option>
                ))}
              </select>
            </label>
            <Field label={t('loans.form.minHashrate', { unit: hashrateUnit(v.coin as Coin) })} name="minHashrate" value={v.minHashrate} onChange={form.set('minHashrate')} error={err('minHashrate')} placeholder="1" />
            <Field label={t('loans.form.minTermLeft')} name="minTermLeftDays" value={v.minTermLeftDays} onChange={form.set('minTermLeftDays')} error={err('minTermLeftDays')} inputMode="numeric" placeholder="0" hint={t('loans.form.minTermLeftHint')} />
          </div>
        ) : (
          <div className="space-y-1">
            <Field label={t('loans.form.ifilRequired')} name="ifilAmount" value={v.ifilAmount} onChange={form.set('ifilAmount')} error={err('ifilAmount')} placeholder="20" />
            {parsed.success && parsed.data.kind === 2 ? <LtvNote principal={parsed.data.principal} ifil={parsed.data.collateralAmount} filPrice={filPrice} /> : null}
          </div>
        )}
      </fieldset>
      {preview && parsed.success ? (
        <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="offer-preview">
          {t('loans.newOffer.preview', { apr: formatPercent(parsed.data.aprBps, tag), duration: days(parsed.data.duration), fee: formatPercent(book.feeBps, tag) })}{' '}
          <strong><Amount value={preview.toLender} {...usd} /></strong>
        </p>
      ) : null}
      <Button type="submit" disabled={actions.tx.busy || balance.isPending} data-testid="offer-submit">
        {t('loans.newOffer.submit')}
      </Button>
      <PostedOrStatus posted={form.posted} state={actions.tx.state} testId="offer-posted" text={(id) => t('loans.newOffer.posted', { id })} />
    </form>
  );
}
