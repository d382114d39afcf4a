'use client';

import { PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { formatAmount } from '@/lib/format/amount';
import { yieldToken } from '@/lib/format/hashrate';
import { useI18n } from '@/lib/i18n/client';
import { expectedYieldLeft, productEarnings } from '@/lib/market/pricing';
import type { ProductView } from '@/lib/market/types';
import { useFilPrice } from '@/lib/yield/useFilPrice';
import { bpsToPercent } from '@/lib/escrow/record';
import { FilPriceInput } from '../ui/FilPriceInput';

/**
 * Before buying: what the NFT is expected to earn over the term left, in its coin and in USDT at the FIL price the
 * buyer assumes (named as such: the oracle reports yield, not a FIL price), the net against the price, and that
 * as a yearly rate. The price is typed here and remembered in this browser (the portfolio and loans use it too).
 */
export function ExpectedEarnings({ product, price, now }: { product: ProductView; price: bigint; now: bigint }) {
  const { t, tag } = useI18n();
  const filPrice = useFilPrice();
  const token = yieldToken(product.coin);
  const left = expectedYieldLeft(product.expectedDailyYieldPerUnit, product.hashratePerNFT, product.termStart, product.termEnd, now);
  const e = product.coin === 'FIL' && filPrice.value !== null ? productEarnings(product, now, token.decimals, filPrice.value, price) : null;
  const sign = (v: bigint) => (v > 0n ? '+' : v < 0n ? '−' : '');
  const abs = (v: bigint) => (v < 0n ? -v : v);

  return (
    <section className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm" data-testid="expected-earnings" aria-label={t('earn.title')}>
      <p className="text-xs font-medium text-slate-500">{t('earn.title')}</p>
      <p>
        <span data-testid="earn-yield">
          {formatAmount(left, token.decimals, { locale: tag, maxFractionDigits: 4 })} {token.symbol}
        </span>
        {e ? (
          <>
            {' ≈ '}
            <strong data-testid="earn-usdt" data-value={e.value.toString()}>
              {formatAmount(e.value, PAYMENT_DECIMALS, { locale: tag, minFractionDigits: 2, maxFractionDigits: 2 })} {PAYMENT_SYMBOL}
            </strong>
          </>
        ) : null}
      </p>
      {e ? (
        <p className={e.net < 0n ? 'text-red-700' : 'text-emerald-800'} data-testid="earn-net" data-bps={e.annualBps?.toString() ?? ''}>
          {t('earn.net', { sign: sign(e.net), amount: formatAmount(abs(e.net), PAYMENT_DECIMALS, { locale: tag, minFractionDigits: 2, maxFractionDigits: 2 }), symbol: PAYMENT_SYMBOL })}
          {e.annualBps !== null ? ` · ${t('earn.annual', { sign: sign(e.annualBps), percent: bpsToPercent(abs(e.annualBps)) })}` : null}
        </p>
      ) : null}
      {product.coin === 'FIL' ? (
        <FilPriceInput
          price={filPrice}
          label={t('earn.atPrice', { symbol: PAYMENT_SYMBOL })}
          className="flex flex-wrap items-center gap-2 text-xs text-slate-600"
          inputClassName="w-20 py-0.5"
          testId="earn-fil-price"
        />
      ) : null}
      <p className="text-xs text-slate-500">{product.coin === 'FIL' ? t('earn.source') : t('earn.noBtcPrice')}</p>
    </section>
  );
}
