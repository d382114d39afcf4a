import type { Metadata } from 'next';
import { LoansView } from '@/components/loans/LoansView';
import { LOAN_TABS, type LoanTab } from '@/components/loans/tabs';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('loans.title') };
}

/** /loans?tab=offers|requests|mine|new-offer|new-request (&tokenId= preselects the NFT of a new request). */
export default async function LoansPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const q = await searchParams;
  const tab = (LOAN_TABS as readonly string[]).includes(q.tab ?? '') ? (q.tab as LoanTab) : 'offers';
  const tokenId = /^\d{1,30}$/.test(q.tokenId ?? '') ? q.tokenId : undefined;
  return <LoansView tab={tab} tokenId={tokenId} />;
}
