'use client';

import { useI18n } from '@/lib/i18n/client';
import { Button } from './Button';

/** A failed load in words, with a retry button. */
export function ErrorBox({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-800">
      <p>{message}</p>
      <Button variant="secondary" className="mt-3" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </div>
  );
}
