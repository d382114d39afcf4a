'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { parseEventLogs } from 'viem';
import { appChain } from '@/lib/chain/chains';
import { getDeployment } from '@/lib/chain/contracts';
import { dmexGovernorAbi } from '@/contracts-abi/DMEXGovernor.gen';
import { useConnectedAccount } from '@/lib/chain/useConnectedAccount';
import { formatAmount } from '@/lib/format/amount';
import { useGovernorSettings, useVoter } from '@/lib/governance/hooks';
import { getTemplate, proposalDescription, templateIssueText, templates } from '@/lib/governance/templates';
import { governanceAddresses } from '@/lib/governance/useGovernanceAddresses';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';
import { ActionList } from './ActionList';

const inputClass = 'mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';

export function CreateProposal({ initialTemplate, initialValues }: { initialTemplate?: string; initialValues: Record<string, string | undefined> }) {
  const { t, tag } = useI18n();
  const router = useRouter();
  const { account, connect } = useConnectedAccount();
  const settings = useGovernorSettings();
  const voter = useVoter(account);
  const tx = useTransaction();
  const [templateId, setTemplateId] = useState(getTemplate(initialTemplate ?? '')?.id ?? templates[0]!.id);
  const template = getTemplate(templateId)!;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(initialValues).filter(([k, v]) => k !== 'template' && v !== undefined)) as Record<string, string>,
  );
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);

  const parsed = useMemo(() => template.schema.safeParse(Object.fromEntries(template.fields.map((f) => [f.name, values[f.name] ?? (f.options?.[0] ?? '')]))), [template, values]);
  const actions = parsed.success ? template.build(parsed.data, governanceAddresses()) : null;
  // Every field's message at once, in the reader's words; a message about the form as a whole goes under the fields.
  const issueOf = (name: string) => (!parsed.success && touched ? parsed.error.issues.find((i) => i.path[0] === name) : undefined);
  const fieldError = (name: string) => {
    const issue = issueOf(name);
    return issue ? templateIssueText(issue, t) : undefined;
  };
  const formIssues =
    !parsed.success && touched ? parsed.error.issues.filter((i) => !template.fields.some((f) => f.name === i.path[0])).map((i) => templateIssueText(i, t)) : [];
  const belowThreshold = Boolean(voter.data && settings.data && voter.data.votes < settings.data.proposalThreshold);

  async function submit() {
    setTouched(true);
    if (!account || !actions) return;
    const description = proposalDescription(t(template.title), body || t(template.summary));
    const receipt = await tx.run({
      address: getDeployment().Governor,
      abi: dmexGovernorAbi,
      functionName: 'propose',
      args: [actions.targets, actions.values, actions.calldatas, description],
      account,
      invalidate: [queryKeys.governanceAll(appChain.id)],
    });
    const created = receipt && parseEventLogs({ abi: dmexGovernorAbi, logs: receipt.logs, eventName: 'ProposalCreated' })[0];
    if (created) router.push(`/governance/proposals/${created.args.proposalId}`);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
      <form className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <label className="block text-sm font-medium">
          {t('gov.template')}
          <select className={inputClass} value={templateId} data-testid="template-select" onChange={(e) => { setTemplateId(e.target.value); setTouched(false); }}>
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>{t(tpl.title)}</option>
            ))}
          </select>
        </label>
        <p className="text-sm text-slate-600">{t(template.summary)}</p>
        {template.fields.map((f) => (
          <div key={f.name}>
          <label className="block text-sm font-medium">
            {t(f.label)}
            {f.kind === 'select' ? (
              <select className={inputClass} value={values[f.name] ?? f.options![0]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                {f.options!.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            ) : (
              <input
                name={f.name}
                className={inputClass}
                value={values[f.name] ?? ''}
                placeholder={f.placeholder}
                inputMode={f.kind === 'number' || f.kind === 'decimal' ? 'decimal' : undefined}
                aria-invalid={Boolean(fieldError(f.name))}
                aria-describedby={fieldError(f.name) ? `proposal-error-${f.name}` : undefined}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                onBlur={() => setTouched(true)}
              />
            )}
          </label>
          {/* Under its field and the field's accessible description. */}
          {fieldError(f.name) ? <span id={`proposal-error-${f.name}`} role="alert" className="mt-1 block text-xs text-red-700">{fieldError(f.name)}</span> : null}
          </div>
        ))}
        {formIssues.map((message) => (
          <p key={message} role="alert" className="text-xs text-red-700" data-testid="proposal-form-error">{message}</p>
        ))}
        <label className="block text-sm font-medium">
          {t('gov.explanation')}
          <textarea className={inputClass} rows={4} value={body} onChange={(e) => setBody(e.target.value)} placeholder={t(template.summary)} />
        </label>
        {!account ? (
          <Button onClick={connect}>{t('portfolio.connectButton')}</Button>
        ) : (
          <Button type="submit" data-testid="propose-button" disabled={tx.busy || belowThreshold}>{t('gov.propose')}</Button>
        )}
        {belowThreshold && settings.data ? (
          <p className="text-sm text-amber-800">{t('gov.belowThreshold', { threshold: formatAmount(settings.data.proposalThreshold, 18, { locale: tag, maxFractionDigits: 0 }) })}</p>
        ) : null}
        <TxStatus state={tx.state} />
      </form>
      <aside className="h-fit space-y-3 rounded-xl border border-slate-200 bg-white p-5">
        <h3 className="font-semibold">{t('gov.preview')}</h3>
        {actions ? <ActionList {...actions} /> : <p className="text-sm text-slate-500">{t('gov.previewEmpty')}</p>}
        {settings.data ? (
          <p className="text-xs text-slate-500">
            {t('gov.lifecycle', {
              delay: Number(settings.data.votingDelay) / 60,
              period: Number(settings.data.votingPeriod) / 3600,
              timelock: Number(settings.data.timelockDelay) / 3600,
            })}
          </p>
        ) : null}
      </aside>
    </div>
  );
}
