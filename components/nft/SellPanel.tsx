'use client';

import { useState } from 'react';
import { appChain } from '@/lib/chain/chains';
import { getDeployment, PAYMENT_DECIMALS, PAYMENT_SYMBOL } from '@/lib/chain/contracts';
import { hashrateNftAbi } from '@/contracts-abi/HashrateNFT.gen';
import { marketplaceAbi } from '@/contracts-abi/Marketplace.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { parseAmount } from '@/lib/format/amount';
import { useI18n } from '@/lib/i18n/client';
import type { TokenState } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

const inputClass = 'mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';

/**
 * For the token's owner: list it at a fixed price (approving the market once), or, while listed, change the
 * price or cancel. Listings are non-custodial: the NFT stays in the owner's wallet until it sells.
 */
export function SellPanel({ token }: { token: TokenState }) {
  const { t } = useI18n();
  const { account } = useConnectedAccount();
  const tx = useTransaction();
  const [price, setPrice] = useState('');
  const [touched, setTouched] = useState(false);
  const [mode, setMode] = useState<'fixed' | 'auction'>('fixed');
  const [hours, setHours] = useState('24');
  const [increment, setIncrement] = useState('5');
  if (!account) return null;
  const isOwner = token.owner.toLowerCase() === account.toLowerCase();
  const listed = Boolean(token.listing && token.listing.seller.toLowerCase() === account.toLowerCase() && token.listingActive);
  if (!isOwner) return null;

  const d = getDeployment();
  const chainId = appChain.id;
  const invalidate = [queryKeys.token(chainId, token.tokenId), queryKeys.listingsAll, queryKeys.owned(chainId, account)];
  const units = parseAmount(price, PAYMENT_DECIMALS);
  const priceError = !units ? t('sell.priceInvalid') : null;
  const incrementBps = parseAmount(increment, 2);
  const incrementError = incrementBps === null || incrementBps < 1n || incrementBps > 5_000n ? t('sell.incrementInvalid') : null;

  async function list() {
    setTouched(true);
    if (!units || !account) return;
    if (!token.marketApproved) {
      const ok = await tx.run({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'setApprovalForAll', args: [d.Marketplace, true], account, label: t('sell.stepApprove') });
      if (!ok) return;
    }
    const ok = await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'list', args: [token.tokenId, units], account, label: t('sell.stepList'), invalidate });
    if (ok) setPrice('');
  }
  async function startAuction() {
    setTouched(true);
    if (!units || !account || incrementError) return;
    if (!token.marketApproved) {
      const ok = await tx.run({ address: d.HashrateNFT, abi: hashrateNftAbi, functionName: 'setApprovalForAll', args: [d.Marketplace, true], account, label: t('sell.stepApprove') });
      if (!ok) return;
    }
    const ok = await tx.run({
      address: d.Marketplace,
      abi: marketplaceAbi,
      functionName: 'createAuction',
      args: [token.tokenId, units, BigInt(Number(hours) * 3_600), incrementBps!],
      account,
      label: t('sell.stepAuction'),
      invalidate,
    });
    if (ok) setPrice('');
  }
  async function updatePrice() {
    setTouched(true);
    if (!units || !account) return;
    const ok = await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'updatePrice', args: [token.tokenId, units], account, label: t('sell.stepUpdate'), invalidate });
    if (ok) setPrice('');
  }
  async function cancel() {
    if (!account) return;
    await tx.run({ address: d.Marketplace, abi: marketplaceAbi, functionName: 'cancel', args: [token.tokenId], account, label: t('sell.stepCancel'), invalidate });
  }

  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="sell-panel" aria-labelledby="sell-title">
      <h2 id="sell-title" className="text-lg font-semibold">{listed && mode === 'fixed' ? t('sell.manageTitle') : t('sell.title')}</h2>
      <div className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm" role="group" aria-label={t('sell.mode')}>
        {(['fixed', 'auction'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
            className={`flex-1 rounded-md px-2 py-1 ${mode === m ? 'bg-white font-medium shadow-sm' : 'text-slate-600'}`}
          >
            {t(m === 'fixed' ? 'sell.modeFixed' : 'sell.modeAuction')}
          </button>
        ))}
      </div>
      <p className="text-sm text-slate-600">{mode === 'auction' ? t('sell.auctionHint') : listed ? t('sell.manageHint') : t('sell.hint')}</p>
      <label className="block text-sm">
        {mode === 'auction' ? t('sell.reserve', { symbol: PAYMENT_SYMBOL }) : listed ? t('sell.newPrice', { symbol: PAYMENT_SYMBOL }) : t('sell.price', { symbol: PAYMENT_SYMBOL })}
        <input
          className={inputClass}
          inputMode="decimal"
          placeholder="12.50"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          aria-invalid={Boolean(touched && priceError)}
          aria-describedby="sell-price-error"
        />
      </label>
      {touched && priceError ? <p id="sell-price-error" role="alert" className="text-sm text-red-700">{priceError}</p> : null}
      {listed && mode === 'fixed' ? (
        <div className="flex gap-2">
          <Button data-testid="update-price" disabled={tx.busy} onClick={updatePrice}>{t('sell.update')}</Button>
          <Button data-testid="cancel-listing" variant="secondary" disabled={tx.busy} onClick={cancel}>{t('sell.cancel')}</Button>
        </div>
      ) : mode === 'auction' ? (
        <>
          <div className="grid grid-cols-2 gap-2">
            <label className="block text-sm">
              {t('sell.duration')}
              <select className={inputClass} value={hours} onChange={(e) => setHours(e.target.value)}>
                {['1', '24', '72', '168'].map((h) => (
                  <option key={h} value={h}>{t('sell.hours', { count: h })}</option>
                ))}
              </select>
            </label>
            <label className="block text-sm">
              {t('sell.increment')}
              <input
                className={inputClass}
                inputMode="decimal"
                value={increment}
                aria-invalid={Boolean(incrementError)}
                onChange={(e) => setIncrement(e.target.value)}
              />
            </label>
          </div>
          {incrementError ? <p role="alert" className="text-sm text-red-700">{incrementError}</p> : null}
          <Button data-testid="auction-button" className="w-full" disabled={tx.busy} onClick={startAuction}>{t('sell.startAuction')}</Button>
        </>
      ) : (
        <Button data-testid="list-button" className="w-full" disabled={tx.busy} onClick={list}>{t('sell.list')}</Button>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}
