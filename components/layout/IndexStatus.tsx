'use client';

import { useQuery } from '@tanstack/react-query';
import { indexNotice, type IndexHealth } from '@/lib/index/status';
import { useI18n } from '@/lib/i18n/client';
import { queryKeys } from '@/lib/queryKeys';

/**
 * A thin bar over the bottom of the page (fixed: appearing never pushes the page down, so it causes no layout
 * shift) while the event index catches up ("Indexing… block N of M": lists and histories
 * fill in as it goes) or when its last sync failed. Nothing when it is caught up.
 */
export function IndexStatus() {
  const { t, tag } = useI18n();
  const health = useQuery<IndexHealth | null>({
    queryKey: queryKeys.indexHealth(),
    refetchInterval: (q) => (indexNotice(q.state.data ?? undefined) ? 2_000 : 30_000),
    queryFn: async ({ signal }) => {
      const res = await fetch('/api/health', { signal });
      const body = (await res.json()) as { index?: IndexHealth };
      return body.index ?? null;
    },
  });
  const notice = indexNotice(health.data ?? undefined);
  if (!notice) return null;
  const n = (v: number) => v.toLocaleString(tag);
  return (
    <div role="status" className="fixed inset-x-0 bottom-0 z-40 border-t border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 shadow" data-testid="index-status">
      {notice.kind === 'indexing' ? t('index.catchingUp', { block: n(notice.block), head: n(notice.head) }) : t('index.error', { message: notice.message })}
    </div>
  );
}
