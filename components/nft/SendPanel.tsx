'use client';

import { useState } from 'react';
import { isAddress, type Address } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { hashrateNftAbi } from '@/contracts-abi/HashrateNFT.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useI18n } from '@/lib/i18n/client';
import type { TokenState } from '@/lib/market/hooks';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

/**
 * For the token's owner: send it to another address (`safeTransferFrom`). A never-sold NFT (HashrateNFT's
 * never-sold mark) can only leave its miner through a sale on DMEX, so its buyer's money goes to the escrow: the
 * panel says so up front, and the chain refuses the send (shown in words, before any wallet prompt).
 */
export function SendPanel({ token }: { token: TokenState }) {
  const { t } = useI18n();
  const { account } = useConnectedAccount();
  const tx = useTransaction();
  const [to, setTo] = useState('');
  const [touched, setTouched] = useState(false);
  const d = getDeployment();
  if (!account || token.owner.toLowerCase() !== account.toLowerCase()) return null;

  const target = to.trim();
  const toError = !isAddress(target) ? t('send.invalidAddress') : target.toLowerCase() === account.toLowerCase() ? t('send.toSelf') : null;
  const chainId = appChain.id;

  async function send() {
    setTouched(true);
    if (toError || !account) return;
    const ok = await tx.run({
      address: d.HashrateNFT,
      abi: hashrateNftAbi,
      functionName: 'safeTransferFrom',
      args: [account, target as Address, token.tokenId],
      account,
      label: t('send.sending'),
      invalidate: [queryKeys.token(chainId, token.tokenId), queryKeys.owned(chainId, account), queryKeys.listingsAll],
    });
    if (ok) setTo('');
  }

  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 text-sm" data-testid="send-panel">
      <h2 className="text-lg font-semibold">{t('send.title')}</h2>
      {!token.sold ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-amber-950" data-testid="send-unsold">
          {t('send.unsold')}
        </p>
      ) : (
        <p className="text-xs text-slate-500">{t('send.explain')}</p>
      )}
      <label className="block">
        <span className="text-slate-600">{t('send.to')}</span>
        <input
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
          data-testid="send-to"
          placeholder="0x…"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          onBlur={() => setTouched(true)}
          aria-invalid={touched && Boolean(toError)}
          aria-describedby={touched && toError ? 'send-to-error' : undefined}
        />
      </label>
      {touched && toError ? <p id="send-to-error" role="alert" className="text-xs text-red-700" data-testid="send-to-error">{toError}</p> : null}
      <Button data-testid="send-button" variant="secondary" disabled={tx.busy} onClick={send}>
        {t('send.button')}
      </Button>
      <TxStatus state={tx.state} />
    </section>
  );
}
