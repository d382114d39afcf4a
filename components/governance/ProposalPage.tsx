'use client';

import Link from 'next/link';
import { useState } from 'react';
import { keccak256, toBytes } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { useChainTime } from '@/lib/chain/chainTime';
import { getDeployment } from '@/lib/chain/contracts';
import { dmexGovernorAbi } from '@/contracts-abi/DMEXGovernor.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatAmount } from '@/lib/format/amount';
import { useGovernorSettings, useProposals, useVoter } from '@/lib/governance/hooks';
import { splitDescription } from '@/lib/governance/templates';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { AddressLabel } from '../ui/AddressLabel';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';
import { ActionList } from './ActionList';
import { ProposalStateBadge, ProposalTiming, VoteTally } from './ProposalBits';

const SUPPORT = [
  { value: 1, key: 'gov.vote.for' },
  { value: 0, key: 'gov.vote.against' },
  { value: 2, key: 'gov.vote.abstain' },
] as const;

export function ProposalPage({ id }: { id: string }) {
  const { t, tag } = useI18n();
  const proposals = useProposals();
  const now = useChainTime();
  const settings = useGovernorSettings();
  const { account, connect } = useConnectedAccount();
  const p = proposals.data?.find((x) => x.id.toString() === id);
  const voter = useVoter(account, p);
  const tx = useTransaction();
  const [reason, setReason] = useState('');

  if (proposals.isPending) return <div className="h-60 animate-pulse rounded-xl bg-white" aria-busy="true" />;
  if (proposals.error) return <ErrorBox message={t('gov.error', { reason: proposals.error.message.split('\n')[0] ?? '' })} onRetry={() => proposals.refetch()} />;
  if (!p) return <p role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-900">{t('gov.notFound')}</p>;

  const d = getDeployment();
  const { title, body } = splitDescription(p.description);
  const invalidate = [queryKeys.governanceAll(appChain.id), queryKeys.applicationsAll(appChain.id), queryKeys.listingsAll];
  const descriptionHash = keccak256(toBytes(p.description));
  const dmc = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 0 });
  const canQueue = p.state === 'Succeeded';
  const canExecute = p.state === 'Queued' && now.data !== undefined && p.eta <= now.data;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_340px]">
      <article className="space-y-5">
        <Link href="/governance" className="text-sm text-sky-700 hover:underline">
          {t('gov.back')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-2xl font-bold" data-testid="proposal-title">{title}</h2>
          <ProposalStateBadge state={p.state} />
        </div>
        <p className="text-sm text-slate-500">
          {t('gov.proposedBy')} <AddressLabel address={p.proposer} /> ·{' '}
          {now.data !== undefined ? <ProposalTiming p={p} now={now.data} timelockDelay={settings.data?.timelockDelay} /> : null}
        </p>
        {body ? <p className="whitespace-pre-wrap rounded-xl border border-slate-200 bg-white p-4 text-sm">{body}</p> : null}
        <section className="rounded-xl border border-slate-200 bg-white p-4">
          <h3 className="mb-2 font-semibold">{t('gov.actions')}</h3>
          <ActionList targets={p.targets} values={p.values} calldatas={p.calldatas} />
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-4">
          <h3 className="mb-2 font-semibold">{t('gov.results')}</h3>
          <VoteTally p={p} />
        </section>
      </article>

      <aside className="h-fit space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h3 className="text-lg font-semibold">{t('gov.yourVote')}</h3>
        {!account ? (
          <Button className="w-full" onClick={connect}>{t('portfolio.connectButton')}</Button>
        ) : voter.data ? (
          <>
            <p className="text-sm" data-testid="voting-power">
              {t('gov.power', { votes: dmc(voter.data.votesAtSnapshot ?? voter.data.votes) })}
            </p>
            {!voter.data.delegate ? (
              <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="delegate-prompt">
                {t('gov.delegatePrompt')}{' '}
                <Link href="/governance/delegate" className="font-medium underline">{t('gov.nav.delegate')}</Link>
              </p>
            ) : null}
            {p.state === 'Active' && !voter.data.voted ? (
              <div className="space-y-2">
                <label className="block text-xs font-medium text-slate-600">
                  {t('gov.reason')}
                  <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm" />
                </label>
                <div className="grid grid-cols-3 gap-2">
                  {SUPPORT.map((s) => (
                    <Button
                      key={s.value}
                      variant={s.value === 1 ? 'primary' : 'secondary'}
                      disabled={tx.busy}
                      data-testid={`vote-${s.value}`}
                      onClick={() =>
                        tx.run({ address: d.Governor, abi: dmexGovernorAbi, functionName: 'castVoteWithReason', args: [p.id, s.value, reason], account, invalidate })
                      }
                    >
                      {t(s.key)}
                    </Button>
                  ))}
                </div>
              </div>
            ) : voter.data.voted ? (
              <p className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="voted">{t('gov.voted')}</p>
            ) : null}
          </>
        ) : null}
        {account && canQueue ? (
          <Button className="w-full" data-testid="queue-button" disabled={tx.busy}
            onClick={() => tx.run({ address: d.Governor, abi: dmexGovernorAbi, functionName: 'queue', args: [p.targets, p.values, p.calldatas, descriptionHash], account, invalidate })}>
            {t('gov.queue')}
          </Button>
        ) : null}
        {account && canExecute ? (
          <Button className="w-full" data-testid="execute-button" disabled={tx.busy}
            onClick={() => tx.run({ address: d.Governor, abi: dmexGovernorAbi, functionName: 'execute', args: [p.targets, p.values, p.calldatas, descriptionHash], account, invalidate })}>
            {t('gov.execute')}
          </Button>
        ) : null}
        <TxStatus state={tx.state} />
      </aside>
    </div>
  );
}
