import type { Metadata } from 'next';
import { NodesView } from '@/components/nodes/NodesView';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('nodes.title') };
}

/** Promotion nodes: become one, your links, your commissions (everything is the connected account's). */
export default function NodesPage() {
  return <NodesView />;
}
