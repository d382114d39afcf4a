'use client';

import { formatAmount } from '@/lib/format/amount';
import { formatRelative } from '@/lib/format/relative';
import type { ProposalState, ProposalView } from '@/lib/governance/hooks';
import { useI18n } from '@/lib/i18n/client';

const stateColors: Record<ProposalState, string> = {
  Pending: 'bg-slate-100 text-slate-700',
  Active: 'bg-sky-100 text-sky-800',
  Canceled: 'bg-slate-100 text-slate-500',
  Defeated: 'bg-red-100 text-red-800',
  Succeeded: 'bg-emerald-100 text-emerald-800',
  Queued: 'bg-amber-100 text-amber-800',
  Expired: 'bg-slate-100 text-slate-500',
  Executed: 'bg-emerald-600 text-white',
};

export function ProposalStateBadge({ state }: { state: ProposalState }) {
  const { t } = useI18n();
  return (
    <span data-testid="proposal-state" className={`rounded-full px-2 py-0.5 text-xs font-medium ${stateColors[state]}`}>
      {t(`gov.state.${state}`)}
    </span>
  );
}

const dmc = (v: bigint, tag: string) => formatAmount(v, 18, { locale: tag, maxFractionDigits: 0 });
const pct = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 10_000n) / whole) / 100);

/** For / against / abstain as bars, and how far the vote is from quorum (for + abstain count). */
export function VoteTally({ p }: { p: ProposalView }) {
  const { t, tag } = useI18n();
  const total = p.votes.for + p.votes.against + p.votes.abstain;
  const quorumVotes = p.votes.for + p.votes.abstain;
  const rows = [
    { key: 'gov.vote.for' as const, v: p.votes.for, color: 'bg-emerald-500' },
    { key: 'gov.vote.against' as const, v: p.votes.against, color: 'bg-red-500' },
    { key: 'gov.vote.abstain' as const, v: p.votes.abstain, color: 'bg-slate-400' },
  ];
  return (
    <div className="space-y-1.5 text-xs" data-testid="vote-tally">
      {rows.map((r) => (
        <div key={r.key} className="flex items-center gap-2">
          <span className="w-16 text-slate-600">{t(r.key)}</span>
          <div className="h-2 flex-1 overflow-hidden rounded bg-slate-100">
            <div className={`h-full ${r.color}`} style={{ width: `${pct(r.v, total)}%` }} />
          </div>
          <span className="w-28 text-right tabular-nums">{dmc(r.v, tag)} DMC</span>
        </div>
      ))}
      <p className="text-slate-500" data-testid="quorum-progress">
        {t('gov.quorum', { votes: dmc(quorumVotes, tag), quorum: dmc(p.quorum, tag), percent: Math.min(100, pct(quorumVotes, p.quorum)) })}
      </p>
    </div>
  );
}

/** What happens next and when, in chain time. */
export function ProposalTiming({ p, now, timelockDelay }: { p: ProposalView; now: bigint; timelockDelay?: bigint }) {
  const { t, tag } = useI18n();
  const rel = (x: bigint) => formatRelative(x, now, tag);
  switch (p.state) {
    case 'Pending':
      return <>{t('gov.timing.starts', { when: rel(p.voteStart) })}</>;
    case 'Active':
      return <>{t('gov.timing.ends', { when: rel(p.voteEnd) })}</>;
    case 'Succeeded':
      return <>{t('gov.timing.queue', { delay: timelockDelay !== undefined ? formatRelative(now + timelockDelay, now, tag) : '' })}</>;
    case 'Queued':
      return <>{p.eta > now ? t('gov.timing.eta', { when: rel(p.eta) }) : t('gov.timing.ready')}</>;
    default:
      return <>{t('gov.timing.ended', { when: rel(p.voteEnd) })}</>;
  }
}
