'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useI18n } from '@/lib/i18n/client';

export function GovernanceNav() {
  const { t } = useI18n();
  const path = usePathname();
  const tabs = [
    { href: '/governance', label: t('gov.nav.proposals'), active: path === '/governance' || path.startsWith('/governance/proposals') },
    { href: '/governance/new', label: t('gov.nav.new'), active: path === '/governance/new' },
    { href: '/governance/delegate', label: t('gov.nav.delegate'), active: path === '/governance/delegate' },
    { href: '/governance/council', label: t('gov.nav.council'), active: path === '/governance/council' },
  ];
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">{t('gov.title')}</h1>
      <p className="mt-2 max-w-3xl text-slate-600">{t('gov.subtitle')}</p>
      <nav aria-label={t('gov.title')} className="mt-4 flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={tab.active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab.active ? 'border-sky-600 text-sky-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
