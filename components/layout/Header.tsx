'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useI18n } from '@/lib/i18n/client';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useI18n();
  const pathname = usePathname();
  const links = [
    { href: '/', label: t('nav.market'), active: pathname === '/' || pathname.startsWith('/nft') },
    { href: '/portfolio', label: t('nav.portfolio'), active: pathname.startsWith('/portfolio') },
    { href: '/loans', label: t('nav.loans'), active: pathname.startsWith('/loans') },
    { href: '/ifil', label: t('nav.ifil'), active: pathname.startsWith('/ifil') },
    { href: '/governance', label: t('nav.governance'), active: pathname.startsWith('/governance') },
    { href: '/miner', label: t('nav.miner'), active: pathname.startsWith('/miner') },
    { href: '/insurance', label: t('nav.insurance'), active: pathname.startsWith('/insurance') },
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-slate-900">
          DMEX
        </Link>
        <nav className="flex gap-1" aria-label="Main">
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              aria-current={l.active ? 'page' : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${l.active ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <LanguageSwitch />
          <ConnectButton chainStatus="none" showBalance={false} accountStatus="address" />
        </div>
      </div>
    </header>
  );
}
