import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PoolsView } from '@/components/pools/PoolsView';
import { getServerClient } from '@/lib/chain/serverClient';
import { getTranslator } from '@/lib/i18n/server';
import { readPools, type PoolsState } from '@/lib/pools/read';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('pools.title') };
}

/** Joint mining pools. The server reads them for the first paint; the browser keeps them live with the account. */
export default async function PoolsPage() {
  await connection();
  const initial = await readPools(getServerClient()).catch((): PoolsState | undefined => undefined);
  return <PoolsView initial={initial} />;
}
