'use client';

import { useState } from 'react';
import { appChain } from '@/lib/chain/chains';
import { useChainTime } from '@/lib/chain/chainTime';
import { getDeployment } from '@/lib/chain/contracts';
import { minerRegistryAbi } from '@/contracts-abi/MinerRegistry.gen';
import type { Address } from 'viem';
import { applicationFormSchema, type ApplicationFormInput } from '@/lib/registry/applicationForm';
import { useI18n } from '@/lib/i18n/client';
import type { MessageKey } from '@/lib/i18n/messages/en';
import { queryKeys } from '@/lib/queryKeys';
import { useTransaction } from '@/lib/tx/useTransaction';
import { Button } from '../ui/Button';
import { TxStatus } from '../ui/TxStatus';

const FIELDS: { name: keyof ApplicationFormInput; label: MessageKey; type?: string; placeholder?: string }[] = [
  { name: 'name', label: 'miner.f.name', placeholder: 'Hangzhou Storage Co.' },
  { name: 'documentsURI', label: 'miner.f.documentsURI', placeholder: 'ipfs://…' },
  { name: 'documentsHash', label: 'miner.f.documentsHash', placeholder: '0x…' },
  { name: 'nodeId', label: 'miner.f.nodeId', placeholder: 'f01234' },
  { name: 'totalHashrate', label: 'miner.f.totalHashrate', placeholder: '1200' },
  { name: 'effectiveHashrate', label: 'miner.f.effectiveHashrate', placeholder: '1000' },
  { name: 'hashratePerNFT', label: 'miner.f.hashratePerNFT', placeholder: '4' },
  { name: 'nftCount', label: 'miner.f.nftCount', placeholder: '100' },
  { name: 'termDays', label: 'miner.f.termDays', placeholder: '540' },
  { name: 'startDate', label: 'miner.f.startDate', type: 'date' },
  { name: 'pricePerNFT', label: 'miner.f.pricePerNFT', placeholder: '16.90' },
  { name: 'expectedDailyYieldPerUnit', label: 'miner.f.expectedYield', placeholder: '0.0022' },
];

export function ApplyForm({ account }: { account: Address }) {
  const { t } = useI18n();
  const now = useChainTime();
  const tx = useTransaction();
  // Every field starts empty (not missing), so the first submit names every empty field at once.
  const empty = () => ({ coin: 'FIL', ...Object.fromEntries(FIELDS.map((f) => [f.name, ''])) }) as Partial<Record<keyof ApplicationFormInput, string>>;
  const [values, setValues] = useState(empty);
  const [submitted, setSubmitted] = useState(false);
  const parsed = now.data !== undefined ? applicationFormSchema(Number(now.data)).safeParse(values) : null;
  // The schema's messages are message keys: shown in the reader's language, with their values (decimals…).
  const errorOf = (name: string) => {
    const issue = submitted && parsed && !parsed.success ? parsed.error.issues.find((i) => i.path[0] === name) : undefined;
    if (!issue) return undefined;
    const params = 'params' in issue ? (issue.params as Record<string, string | number> | undefined) : undefined;
    return t.has(issue.message) ? t(issue.message, params) : issue.message;
  };

  async function submit() {
    setSubmitted(true);
    if (!parsed?.success) return;
    const p = parsed.data;
    const receipt = await tx.run({
      address: getDeployment().MinerRegistry,
      abi: minerRegistryAbi,
      functionName: 'submitApplication',
      args: [{ ...p, coin: p.coin === 'FIL' ? 0 : 1 }],
      account,
      invalidate: [queryKeys.applicationsAll(appChain.id)],
    });
    if (receipt) {
      setValues({ ...empty(), coin: values.coin });
      setSubmitted(false);
    }
  }

  return (
    <form className="grid gap-3 sm:grid-cols-2" onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate data-testid="apply-form">
      <label className="block text-sm font-medium">
        {t('miner.f.coin')}
        <select className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" value={values.coin} onChange={(e) => setValues({ ...values, coin: e.target.value as 'FIL' | 'BTC' })}>
          <option value="FIL">FIL (TiB)</option>
          <option value="BTC">BTC (TH/s)</option>
        </select>
      </label>
      {FIELDS.map((f) => {
        // Each field's message under it, tied to it as its description, so a screen reader reads it with the field.
        const error = errorOf(f.name);
        const errorId = `apply-error-${f.name}`;
        return (
          <div key={f.name}>
            <label className="block text-sm font-medium">
              {t(f.label)}
              <input
                name={f.name}
                type={f.type ?? 'text'}
                className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                placeholder={f.placeholder}
                value={values[f.name] ?? ''}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? errorId : undefined}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              />
            </label>
            {error ? <span id={errorId} role="alert" className="mt-1 block text-xs text-red-700">{error}</span> : null}
          </div>
        );
      })}
      <div className="sm:col-span-2 space-y-2">
        <Button type="submit" data-testid="apply-submit" disabled={tx.busy}>{t('miner.apply')}</Button>
        <TxStatus state={tx.state} />
      </div>
    </form>
  );
}
