import type { Metadata } from 'next';
import { EarnView } from '@/components/earn/EarnView';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('mining.title') };
}

export default function EarnPage() {
  return <EarnView />;
}
