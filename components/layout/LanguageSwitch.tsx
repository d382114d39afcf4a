'use client';

import { LOCALES } from '@/lib/i18n/config';
import { useI18n } from '@/lib/i18n/client';
import { useMounted } from '@/lib/useMounted';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  // Until hydration the buttons have no handler: a click then would be lost, so they wait disabled.
  const ready = useMounted();
  return (
    <div role="group" aria-label={t('lang.switch')} className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={l === locale}
          disabled={!ready}
          onClick={() => l !== locale && setLocale(l)}
          className={`px-2 py-1 ${l === locale ? 'bg-slate-900 text-white' : 'bg-white text-slate-700 hover:bg-slate-100'}`}
        >
          {t(l === 'en' ? 'lang.en' : 'lang.zh')}
        </button>
      ))}
    </div>
  );
}
