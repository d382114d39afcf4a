import type { Metadata } from 'next';
import { PortfolioView } from '@/components/portfolio/PortfolioView';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('portfolio.title') };
}

export default function PortfolioPage() {
  return <PortfolioView />;
}
