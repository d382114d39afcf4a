'use client';

import type { Address } from 'viem';
import { IFIL_DECIMALS } from '@/lib/chain/contracts';
import { formatAmount } from '@/lib/format/amount';
import { formatHashrate } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { requestFormSchema, REQUEST_COLLATERALS } from '@/lib/loans/forms';
import { useLoanActions } from '@/lib/loans/hooks';
import type { LoanBook } from '@/lib/loans/read';
import { collateralValue, interestFor } from '@/lib/loans/terms';
import { useOwnedTokens } from '@/lib/market/hooks';
import { useYieldTokenBalance } from '@/lib/yield/hooks';
import { Amount } from '../ui/Amount';
import { Button } from '../ui/Button';
import { Field, inputClass, issueOf, PostedOrStatus, RadioChoice, usePostingForm } from './FormBits';
import { formatPercent, useDays, usd } from './LoanBits';

/** A borrower's request: the USDT wanted, the APR and duration offered, and the collateral pledged now. */
export function CreateRequestForm({ account, book, filPrice, initialTokenId }: { account: Address; book: LoanBook; filPrice: bigint | null; initialTokenId?: string }) {
  const { t, tag } = useI18n();
  const days = useDays();
  const owned = useOwnedTokens(account);
  const ifil = useYieldTokenBalance('FIL', account);
  const actions = useLoanActions(account);
  const form = usePostingForm({ principal: '', apr: '', days: '30', collateral: 'nft' as string, tokenId: initialTokenId ?? '', ifilAmount: '' }, actions.tx);
  const v = form.values;
  const tokens = owned.data ?? [];
  const tokenId = v.tokenId || tokens[0]?.tokenId.toString() || '';
  const parsed = requestFormSchema({ tokenIds: tokens.map((o) => o.tokenId), ifilBalance: ifil.data ?? null }).safeParse({ ...v, tokenId });
  const err = (f: string) => issueOf(parsed, form.submitted, f, t);
  const chosen = tokens.find((o) => o.tokenId.toString() === tokenId);
  const value =
    parsed.success && filPrice !== null
      ? collateralValue(parsed.data.kind === 1 ? 'Nft' : 'Ifil', parsed.data.collateral, chosen?.product ?? null, book.chainTime, filPrice)
      : null;


  return (
    <form
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
      noValidate
      onSubmit={form.onSubmit(parsed, actions.postRequest)}
      data-testid="request-form"
    >
      <p className="text-sm text-slate-600">{t('loans.newRequest.explain', { grace: days(book.gracePeriod) })}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t('loans.form.principalWanted')} name="principal" value={v.principal} onChange={form.set('principal')} error={err('principal')} placeholder="10" />
        <Field label={t('loans.form.apr')} name="apr" value={v.apr} onChange={form.set('apr')} error={err('apr')} placeholder="12" />
        <Field label={t('loans.form.days')} name="days" value={v.days} onChange={form.set('days')} error={err('days')} inputMode="numeric" />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{t('loans.form.pledge')}</legend>
        <RadioChoice name="collateral" options={REQUEST_COLLATERALS} value={v.collateral} onChange={form.set('collateral')} label={(c) => t(`loans.form.pledge.${c}`)} testPrefix="request-collateral" />
        {v.collateral === 'nft' ? (
          owned.isPending ? (
            <p className="text-sm text-slate-500">{t('common.loading')}</p>
          ) : tokens.length === 0 ? (
            <p className="text-sm text-amber-900" data-testid="request-no-nft">{t('loans.form.noNfts')}</p>
          ) : (
            <label className="block text-sm font-medium">
              {t('loans.form.nft')}
              <select className={inputClass} value={tokenId} onChange={(e) => form.set('tokenId')(e.target.value)} data-testid="field-tokenId" aria-invalid={Boolean(err('tokenId'))}>
                {tokens.map((o) => (
                  <option key={o.tokenId.toString()} value={o.tokenId.toString()}>
                    NFT #{o.tokenId.toString()} · {formatHashrate(o.product.hashratePerNFT, o.product.coin, tag)} {o.product.coin} · {t('nft.attr.product')} {o.product.productId.toString()}
                  </option>
                ))}
              </select>
              {err('tokenId') ? <span role="alert" className="mt-1 block text-xs text-red-700">{err('tokenId')}</span> : null}
              <span className="mt-1 block text-xs font-normal text-slate-500">{t('loans.form.nftHint')}</span>
            </label>
          )
        ) : (
          <Field
            label={t('loans.form.ifilPledged')}
            name="ifilAmount"
            value={v.ifilAmount}
            onChange={form.set('ifilAmount')}
            error={err('ifilAmount')}
            placeholder="20"
            hint={ifil.data !== undefined ? t('loans.form.ifilBalance', { amount: formatAmount(ifil.data, IFIL_DECIMALS, { locale: tag, maxFractionDigits: 6 }) }) : undefined}
          />
        )}
      </fieldset>
      {parsed.success ? (
        <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="request-preview">
          {t('loans.newRequest.preview', { apr: formatPercent(parsed.data.aprBps, tag), duration: days(parsed.data.duration) })}{' '}
          <strong>
            <Amount value={parsed.data.principal + interestFor(parsed.data.principal, parsed.data.aprBps, parsed.data.duration, parsed.data.duration)} {...usd} />
          </strong>
          {value !== null ? (
            <>
              {' · '}
              {t('loans.coverage.label')} <Amount value={value} {...usd} maxFractionDigits={2} />
            </>
          ) : null}
        </p>
      ) : null}
      <Button type="submit" disabled={actions.tx.busy} data-testid="request-submit">
        {t('loans.newRequest.submit')}
      </Button>
      <PostedOrStatus posted={form.posted} state={actions.tx.state} testId="request-posted" text={(id) => t('loans.newRequest.posted', { id })} />
    </form>
  );
}
