'use client';

import { useState } from 'react';
import { getAddress, isAddress } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { dmcAbi } from '@/contracts-abi/DMC.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatAmount } from '@/lib/format/amount';
import { useVoter } from '@/lib/governance/hooks';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { AddressLabel } from '../ui/AddressLabel';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

export function DelegatePanel() {
  const { t, tag } = useI18n();
  const { account, connect } = useConnectedAccount();
  const voter = useVoter(account);
  const tx = useTransaction();
  const [to, setTo] = useState('');
  if (!account) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
        <p className="text-slate-600">{t('gov.delegateConnect')}</p>
        <Button className="mt-4" onClick={connect}>{t('portfolio.connectButton')}</Button>
      </div>
    );
  }
  const dmc = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 0 });
  const delegate = (target: `0x${string}`) =>
    tx.run({ address: getDeployment().DMC, abi: dmcAbi, functionName: 'delegate', args: [target], account, invalidate: [queryKeys.governanceAll(appChain.id)] });
  const valid = isAddress(to.trim());
  return (
    <section className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-5">
      {voter.data ? (
        <dl className="grid grid-cols-[160px_1fr] gap-y-2 text-sm">
          <dt className="text-slate-500">{t('gov.balance')}</dt>
          <dd data-testid="dmc-balance">{dmc(voter.data.balance)} DMC</dd>
          <dt className="text-slate-500">{t('gov.votingPower')}</dt>
          <dd data-testid="dmc-votes">{dmc(voter.data.votes)} DMC</dd>
          <dt className="text-slate-500">{t('gov.delegatedTo')}</dt>
          <dd>{voter.data.delegate ? <AddressLabel address={voter.data.delegate} /> : t('gov.nobody')}</dd>
        </dl>
      ) : (
        <div className="h-20 animate-pulse rounded bg-slate-100" />
      )}
      <p className="text-sm text-slate-600">{t('gov.delegateExplain')}</p>
      <Button data-testid="delegate-self" disabled={tx.busy} onClick={() => delegate(account)}>{t('gov.delegateSelf')}</Button>
      <div className="flex gap-2">
        <input className="flex-1 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm" placeholder="0x…" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('gov.delegateTo')} />
        <Button variant="secondary" disabled={!valid || tx.busy} onClick={() => delegate(getAddress(to.trim()))}>{t('gov.delegateTo')}</Button>
      </div>
      <TxStatus state={tx.state} />
    </section>
  );
}
