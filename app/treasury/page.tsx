import type { Metadata } from 'next';
import { connection } from 'next/server';
import { TreasuryView } from '@/components/treasury/TreasuryView';
import { getServerClient } from '@/lib/chain/serverClient';
import { getTranslator } from '@/lib/i18n/server';
import { readTreasury, readTreasuryHistory, type TreasuryHistory, type TreasuryState } from '@/lib/treasury/read';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('treasury.title') };
}

/** Revenue, buyback and burn. The server reads the state and the history for the first paint; the browser keeps
 * them live. */
export default async function TreasuryPage() {
  await connection();
  const client = getServerClient();
  const [initial, initialHistory] = await Promise.all([
    readTreasury(client).catch((): TreasuryState | undefined => undefined),
    readTreasuryHistory(client).catch((): TreasuryHistory | undefined => undefined),
  ]);
  return <TreasuryView initial={initial} initialHistory={initialHistory} />;
}
