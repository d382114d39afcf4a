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
    { href: '/earn', label: t('nav.earn'), active: pathname.startsWith('/earn') },
    { href: '/pools', label: t('nav.pools'), active: pathname.startsWith('/pools') },
    { href: '/ifil', label: t('nav.ifil'), active: pathname.startsWith('/ifil') },
    { href: '/governance', label: t('nav.governance'), active: pathname.startsWith('/governance') },
    { href: '/miner', label: t('nav.miner'), active: pathname.startsWith('/miner') },
    { href: '/insurance', label: t('nav.insurance'), active: pathname.startsWith('/insurance') },
    { href: '/treasury', label: t('nav.treasury'), active: pathname.startsWith('/treasury') },
    { href: '/nodes', label: t('nav.nodes'), active: pathname.startsWith('/nodes') },
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* On a phone the nav takes its own row under the logo and the wallet, and scrolls sideways inside itself
          (the page never does); from lg up it sits between them. Labels never wrap (Chinese would break per character). */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-slate-900">
          DMEX
        </Link>
        <nav
          className="order-last -mx-4 flex w-[calc(100%+2rem)] gap-1 overflow-x-auto px-4 [scrollbar-width:none] lg:order-none lg:mx-0 lg:w-auto lg:overflow-visible lg:px-0"
          aria-label="Main"
          data-testid="main-nav"
        >
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              aria-current={l.active ? 'page' : undefined}
              className={`shrink-0 whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${l.active ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {l.label}
            </Link>
          ))}
        </nav>
        {/* min-h: the wallet button renders only after hydration; the row keeps its height meanwhile (no layout shift). */}
        <div className="ml-auto flex min-h-10 items-center gap-3">
          <LanguageSwitch />
          <ConnectButton chainStatus="none" showBalance={false} accountStatus="address" />
        </div>
      </div>
    </header>
  );
}
