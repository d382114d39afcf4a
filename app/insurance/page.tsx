import type { Metadata } from 'next';
import { InsuranceView } from '@/components/insurance/InsuranceView';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('insurance.title') };
}

export default function InsurancePage() {
  return <InsuranceView />;
}
