'use client';

import type { Address, Hex } from 'viem';
import { describeAction } from '@/lib/governance/decode';
import { governanceAddresses } from '@/lib/governance/useGovernanceAddresses';
import { useI18n } from '@/lib/i18n/client';

/** A proposal's actions in words, each with the exact call underneath. */
export function ActionList({ targets, values, calldatas }: { targets: Address[]; values: bigint[]; calldatas: Hex[] }) {
  const { t, tag } = useI18n();
  const addresses = governanceAddresses();
  return (
    <ol className="list-decimal space-y-2 pl-5 text-sm" data-testid="proposal-actions">
      {targets.map((target, i) => {
        const d = describeAction({ target, value: values[i] ?? 0n, calldata: calldatas[i] ?? '0x' }, addresses, tag);
        return (
          <li key={i}>
            <span className="font-medium">{t(d.key, d.vars)}</span>
            <code className="block break-all text-xs text-slate-500">{d.raw}</code>
          </li>
        );
      })}
    </ol>
  );
}
