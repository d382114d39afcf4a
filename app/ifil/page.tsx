import type { Metadata } from 'next';
import { IfilView } from '@/components/ifil/IfilView';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('ifil.title') };
}

export default function IfilPage() {
  return <IfilView />;
}
