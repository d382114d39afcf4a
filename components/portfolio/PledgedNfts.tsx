'use client';

import Link from 'next/link';
import type { Address } from 'viem';
import { useI18n } from '@/lib/i18n/client';
import { useMyLoans } from '@/lib/loans/hooks';

/** Portfolio: the account's NFTs held by the loan market (pledged in its loans and requests), linking to /loans. */
export function PledgedNfts({ account }: { account: Address }) {
  const { t } = useI18n();
  const q = useMyLoans(account);
  const pledged = q.data ? [...q.data.borrowing.filter((p) => p.state === 'Active'), ...q.data.requests].filter((p) => p.kind === 'Nft') : [];
  if (pledged.length === 0) return null;
  return (
    <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="pledged-nfts">
      <span className="font-medium">{t('portfolio.pledged')}</span>{' '}
      {pledged.map((p, i) => (
        <span key={p.id.toString()} data-testid={`pledged-${p.collateral}`}>
          {i > 0 ? ', ' : ''}
          <Link href={`/nft/${p.collateral}`} className="text-sky-700 hover:underline">
            NFT #{p.collateral.toString()}
          </Link>{' '}
          ({p.state === 'Active' ? t('portfolio.pledgedLoan', { id: p.id.toString() }) : t('portfolio.pledgedRequest', { id: p.id.toString() })})
        </span>
      ))}{' '}
      <Link href="/loans?tab=mine" className="font-medium text-sky-700 hover:underline">
        {t('borrow.toLoans')}
      </Link>
    </p>
  );
}
