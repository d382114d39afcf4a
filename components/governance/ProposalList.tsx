'use client';

import Link from 'next/link';
import { useChainTime } from '@/lib/chain/chainTime';
import { useGovernorSettings, useProposals, useQuorumRule } from '@/lib/governance/hooks';
import { formatAmount } from '@/lib/format/amount';
import { splitDescription } from '@/lib/governance/templates';
import { useI18n } from '@/lib/i18n/client';
import { ErrorBox } from '../ui/ErrorBox';
import { ProposalStateBadge, ProposalTiming, VoteTally } from './ProposalBits';

/** How a vote passes: the quorum today and what it is made of. */
export function QuorumRuleNote() {
  const { t, tag } = useI18n();
  const rule = useQuorumRule();
  if (!rule.data) return null;
  const dmc = (v: bigint) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 0 });
  const r = rule.data;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="quorum-rule">
      <h2 className="font-semibold">{t('gov.quorumRule.title', { quorum: dmc(r.quorum) })}</h2>
      <p className="mt-1">{t('gov.quorumRule.body', { percent: r.percent.toString(), votable: dmc(r.votable), floor: dmc(r.floor) })}</p>
      <p className="mt-1 text-xs text-slate-500">{t('gov.quorumRule.locked', { locked: dmc(r.locked) })}</p>
    </section>
  );
}

export function ProposalList() {
  const { t } = useI18n();
  const proposals = useProposals();
  const now = useChainTime();
  const settings = useGovernorSettings();

  if (proposals.isPending) return <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />;
  if (proposals.error) return <ErrorBox message={t('gov.error', { reason: proposals.error.message.split('\n')[0] ?? '' })} onRetry={() => proposals.refetch()} />;
  if (proposals.data.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
        <p>{t('gov.empty')}</p>
        <Link href="/governance/new" className="mt-3 inline-block font-medium text-sky-700 hover:underline">
          {t('gov.nav.new')}
        </Link>
      </div>
    );
  }
  return (
    <ul className="space-y-3" data-testid="proposal-list">
      {proposals.data.map((p) => (
        <li key={p.id.toString()}>
          <Link
            href={`/governance/proposals/${p.id}`}
            className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-sky-400"
            data-testid="proposal-item"
          >
            <div className="flex items-start justify-between gap-3">
              <h2 className="font-semibold">{splitDescription(p.description).title}</h2>
              <ProposalStateBadge state={p.state} />
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {now.data !== undefined ? <ProposalTiming p={p} now={now.data} timelockDelay={settings.data?.timelockDelay} /> : null}
            </p>
            <div className="mt-3">
              <VoteTally p={p} />
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
