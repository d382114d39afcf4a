'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { decodeFunctionData, encodeFunctionData, keccak256, toBytes, zeroHash, type Address, type Hex } from 'viem';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { councilAbi } from '@/contracts-abi/Council.gen';
import { councilGateAbi } from '@/contracts-abi/CouncilGate.gen';
import { timelockControllerAbi } from '@/contracts-abi/TimelockController.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { useCouncil, useGovernorSettings, useProposals, type CouncilTx, type ProposalView } from '@/lib/governance/hooks';
import { getTemplate, splitDescription, templateIssueText, templates } from '@/lib/governance/templates';
import { councilMayCancel, governorTimelockSalt, proposalOperationId, timelockOperationId } from '@/lib/governance/timelock';
import { governanceAddresses } from '@/lib/governance/useGovernanceAddresses';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { AddressLabel } from '../ui/AddressLabel';
import { Button } from '../ui/Button';
import { ErrorBox } from '../ui/ErrorBox';
import { TxStatus } from '../ui/TxStatus';
import { ActionList } from './ActionList';

type Batch = { targets: Address[]; values: bigint[]; payloads: Hex[]; predecessor: Hex; salt: Hex; delay: bigint };

/** The timelock batch a council transaction schedules (through its gate), if that is what it does. */
function scheduledBatch(tx: CouncilTx, gate: Address): Batch | null {
  if (tx.target.toLowerCase() !== gate.toLowerCase()) return null;
  try {
    const d = decodeFunctionData({ abi: timelockControllerAbi, data: tx.data });
    if (d.functionName !== 'scheduleBatch') return null;
    const [targets, values, payloads, predecessor, salt, delay] = d.args as [Address[], bigint[], Hex[], Hex, Hex, bigint];
    return { targets: [...targets], values: [...values], payloads: [...payloads], predecessor, salt, delay };
  } catch {
    return null;
  }
}

function CouncilTxRow({ tx, isMember, threshold }: { tx: CouncilTx; isMember: boolean; threshold: bigint }) {
  const { t } = useI18n();
  const config = useConfig();
  const { account } = useConnectedAccount();
  const d = getDeployment();
  const run = useTransaction();
  const batch = scheduledBatch(tx, d.CouncilGate);
  const invalidate = [queryKeys.governanceAll(appChain.id), queryKeys.applicationsAll(appChain.id)];
  const approved = useQuery({
    queryKey: [...queryKeys.council(appChain.id), 'approved', tx.id.toString(), account ?? ''],
    enabled: Boolean(account && isMember),
    queryFn: () => readContract(config, { address: d.Council, abi: councilAbi, functionName: 'hasApproved', args: [tx.id, account!] }),
  });
  const operation = useQuery({
    queryKey: [...queryKeys.council(appChain.id), 'op', tx.id.toString()],
    enabled: Boolean(batch && tx.executed),
    queryFn: async () => {
      const id = await readContract(config, {
        address: d.Timelock,
        abi: timelockControllerAbi,
        functionName: 'hashOperationBatch',
        args: [batch!.targets, batch!.values, batch!.payloads, batch!.predecessor, batch!.salt],
      });
      const [ready, done] = await Promise.all([
        readContract(config, { address: d.Timelock, abi: timelockControllerAbi, functionName: 'isOperationReady', args: [id] }),
        readContract(config, { address: d.Timelock, abi: timelockControllerAbi, functionName: 'isOperationDone', args: [id] }),
      ]);
      return { ready, done };
    },
  });
  return (
    <li className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" data-testid="council-tx">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">#{tx.id.toString()} {tx.description}</p>
        <span className="text-xs text-slate-600" data-testid="council-tx-status">
          {tx.executed ? t('council.executed') : tx.cancelled ? t('council.cancelled') : t('council.approvals', { count: tx.approvals.toString(), threshold: threshold.toString() })}
        </span>
      </div>
      {batch ? (
        <ActionList targets={batch.targets} values={batch.values} calldatas={batch.payloads} />
      ) : (
        <ActionList targets={[tx.target]} values={[tx.value]} calldatas={[tx.data]} />
      )}
      <div className="flex flex-wrap gap-2">
        {account && isMember && !tx.executed && !tx.cancelled && !approved.data ? (
          <Button variant="secondary" data-testid="council-approve" disabled={run.busy} onClick={() => run.run({ address: d.Council, abi: councilAbi, functionName: 'approve', args: [tx.id], account, invalidate })}>
            {t('council.approve')}
          </Button>
        ) : null}
        {account && isMember && !tx.executed && !tx.cancelled && tx.approvals >= threshold ? (
          <Button data-testid="council-execute" disabled={run.busy} onClick={() => run.run({ address: d.Council, abi: councilAbi, functionName: 'execute', args: [tx.id], account, invalidate })}>
            {t('council.execute')}
          </Button>
        ) : null}
        {account && batch && operation.data?.ready ? (
          <Button
            data-testid="council-execute-timelock"
            disabled={run.busy}
            onClick={() =>
              run.run({
                address: d.Timelock,
                abi: timelockControllerAbi,
                functionName: 'executeBatch',
                args: [batch.targets, batch.values, batch.payloads, batch.predecessor, batch.salt],
                account,
                invalidate,
              })
            }
          >
            {t('council.executeTimelock')}
          </Button>
        ) : null}
        {batch && tx.executed && operation.data && !operation.data.ready && !operation.data.done ? <span className="text-xs text-slate-500">{t('council.waiting')}</span> : null}
        {operation.data?.done ? <span className="text-xs text-emerald-700">{t('council.done')}</span> : null}
      </div>
      <TxStatus state={run.state} />
    </li>
  );
}

/** Queued DAO decisions, each with a way for council members to propose cancelling it (phase 1 and 2). */
function QueuedDecisions({ transactions, threshold, isMember }: { transactions: CouncilTx[]; threshold: bigint; isMember: boolean }) {
  const { t } = useI18n();
  const proposals = useProposals();
  const { account } = useConnectedAccount();
  const tx = useTransaction();
  const d = getDeployment();
  const queued = (proposals.data ?? []).filter((p) => p.state === 'Queued');
  const openCancels = new Set(
    transactions
      .filter((x) => !x.executed && !x.cancelled && x.target.toLowerCase() === d.CouncilGate.toLowerCase())
      .map((x) => {
        try {
          const call = decodeFunctionData({ abi: councilGateAbi, data: x.data });
          if (call.functionName !== 'cancelBatch') return null;
          const [targets, values, payloads, predecessor, salt] = call.args;
          return timelockOperationId(targets, values, payloads, predecessor, salt);
        } catch {
          return null;
        }
      }),
  );
  function proposeCancel(p: ProposalView) {
    if (!account) return;
    // The gate cancels only an operation it is shown in full (it refuses DAO decisions about the council itself).
    const data = encodeFunctionData({
      abi: councilGateAbi,
      functionName: 'cancelBatch',
      args: [p.targets, p.values, p.calldatas, zeroHash, governorTimelockSalt(d.Governor, p.description)],
    });
    const description = t('council.cancelDescription', { title: splitDescription(p.description).title });
    void tx.run({ address: d.Council, abi: councilAbi, functionName: 'submit', args: [d.CouncilGate, 0n, data, description], account, invalidate: [queryKeys.council(appChain.id)] });
  }
  return (
    <section className="space-y-3" data-testid="council-queued">
      <h3 className="text-lg font-semibold">{t('council.queued')}</h3>
      <p className="text-sm text-slate-600">{t('council.queuedHint', { threshold: threshold.toString() })}</p>
      {queued.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-center text-sm text-slate-600">{t('council.queuedNone')}</p>
      ) : (
        <ul className="space-y-2">
          {queued.map((p) => (
            <li key={p.id.toString()} className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-slate-200 bg-white p-3">
              <span className="font-medium">{splitDescription(p.description).title}</span>
              {openCancels.has(proposalOperationId(d.Governor, p)) ? (
                <span className="text-xs text-slate-600">{t('council.cancelRequested')}</span>
              ) : !councilMayCancel(p, d) ? (
                <span className="text-xs text-slate-600" data-testid="cannot-cancel">{t('council.cannotCancel')}</span>
              ) : isMember ? (
                <Button variant="secondary" disabled={tx.busy} onClick={() => proposeCancel(p)} data-testid="propose-cancel">
                  {t('council.proposeCancel')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}

export function CouncilPanel() {
  const { t } = useI18n();
  const config = useConfig();
  const council = useCouncil();
  const settings = useGovernorSettings();
  const { account } = useConnectedAccount();
  const tx = useTransaction();
  const [templateId, setTemplateId] = useState('trading-fee');
  const [values, setValues] = useState<Record<string, string>>({});
  const template = getTemplate(templateId)!;
  const parsed = useMemo(() => template.schema.safeParse(Object.fromEntries(template.fields.map((f) => [f.name, values[f.name] ?? (f.options?.[0] ?? '')]))), [template, values]);

  if (council.isPending) return <div className="h-40 animate-pulse rounded-xl bg-white" aria-busy="true" />;
  if (council.error) return <ErrorBox message={t('gov.error', { reason: council.error.message.split('\n')[0] ?? '' })} onRetry={() => council.refetch()} />;
  const c = council.data;
  const isMember = Boolean(account && c.members.some((m) => m.toLowerCase() === account.toLowerCase()));
  const d = getDeployment();

  async function submit() {
    if (!account || !parsed.success || !settings.data) return;
    const a = template.build(parsed.data, governanceAddresses());
    const description = t(template.title);
    // Ask the gate first: a call the council may not make without a token vote is refused in words here,
    // before four members spend approvals on it.
    for (const [i, target] of a.targets.entries()) {
      const reason = await readContract(config, { address: d.CouncilGate, abi: councilGateAbi, functionName: 'forbiddenReason', args: [target, a.calldatas[i]!] });
      if (reason) return tx.fail({ key: 'errors.CouncilGateForbidden', vars: { reason } });
    }
    const data = encodeFunctionData({
      abi: timelockControllerAbi,
      functionName: 'scheduleBatch',
      args: [a.targets, a.values, a.calldatas, zeroHash, keccak256(toBytes(`${description}:${Date.now()}`)), settings.data.timelockDelay],
    });
    void tx.run({ address: d.Council, abi: councilAbi, functionName: 'submit', args: [d.CouncilGate, 0n, data, description], account, invalidate: [queryKeys.council(appChain.id)] });
  }

  return (
    <div className="space-y-6">
      <section className="rounded-xl border border-slate-200 bg-white p-5">
        <p className="font-medium" data-testid="council-phase">{c.canPropose ? t('council.phase1') : t('council.phase2')}</p>
        <div className="mt-2 space-y-1 text-sm text-slate-700" data-testid="council-powers">
          <p className="font-medium">{t('council.powers.title')}</p>
          <p data-testid="council-powers-can">{t(c.canPropose ? 'council.powers.phase1.can' : c.canCancel ? 'council.powers.phase2.can' : 'council.powers.phase3.can')}</p>
          <p data-testid="council-powers-cannot">{t('council.powers.cannot')}</p>
        </div>
        <p className="mt-1 text-sm text-slate-600">{t('council.threshold', { threshold: c.threshold.toString(), members: c.members.length })}</p>
        <ul className="mt-3 grid gap-1 sm:grid-cols-2">
          {c.members.map((m) => (
            <li key={m}><AddressLabel address={m} /></li>
          ))}
        </ul>
      </section>
      {isMember && c.canPropose ? (
        <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="council-submit">
          <h3 className="font-semibold">{t('council.submit')}</h3>
          <select aria-label={t('gov.template')} className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{t(tpl.title)}</option>)}
          </select>
          {/* What keeps the form from being submitted, in the reader's words: each field's under it (and its
              description), the form's own under the fields. */}
          {template.fields.map((f) => {
            const issue = !parsed.success ? parsed.error.issues.find((i) => i.path[0] === f.name) : undefined;
            const hintId = `council-hint-${f.name}`;
            return (
              <div key={f.name}>
                <label className="block text-sm">
                  {t(f.label)}
                  <input
                    className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                    name={f.name}
                    value={values[f.name] ?? ''}
                    aria-describedby={issue ? hintId : undefined}
                    onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                  />
                </label>
                {issue ? <p id={hintId} className="mt-1 text-xs text-slate-500">{templateIssueText(issue, t)}</p> : null}
              </div>
            );
          })}
          {!parsed.success
            ? parsed.error.issues
                .filter((i) => !template.fields.some((f) => f.name === i.path[0]))
                .map((i) => <p key={i.message} className="text-xs text-slate-500">{templateIssueText(i, t)}</p>)
            : null}
          <Button disabled={!parsed.success || tx.busy} onClick={submit}>{t('council.submitButton')}</Button>
          <TxStatus state={tx.state} />
        </section>
      ) : null}
      {c.canCancel ? <QueuedDecisions transactions={c.transactions} threshold={c.threshold} isMember={isMember} /> : null}
      <section className="space-y-3">
        <h3 className="text-lg font-semibold">{t('council.transactions')}</h3>
        {c.transactions.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">{t('council.none')}</p>
        ) : (
          <ul className="space-y-3">
            {c.transactions.map((x) => <CouncilTxRow key={x.id.toString()} tx={x} isMember={isMember} threshold={c.threshold} />)}
          </ul>
        )}
      </section>
    </div>
  );
}
