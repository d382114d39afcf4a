import type { Metadata } from 'next';
import { connection } from 'next/server';
import { EarnView } from '@/components/earn/EarnView';
import { getServerClient } from '@/lib/chain/serverClient';
import { readEarn, type EarnState } from '@/lib/earn/read';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('mining.title') };
}

/** DMC mining. The server reads the pools, the emission and the pair for the first paint; the browser keeps them
 * live and adds the connected account's stakes. */
export default async function EarnPage() {
  await connection();
  let initial: EarnState | undefined;
  try {
    initial = await readEarn(getServerClient());
  } catch {
    initial = undefined; // the browser reads it again and says what failed
  }
  return <EarnView initial={initial} />;
}
