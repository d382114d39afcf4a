'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n/client';
import type { MessageKey } from '@/lib/i18n/messages/en';
import { LanguageSwitch } from './LanguageSwitch';
import { WalletButton } from './WalletButton';

type NavLink = { href: string; label: string; active: boolean };

const linkClass = (active: boolean) =>
  `shrink-0 whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`;

export function Header() {
  const { t } = useI18n();
  const pathname = usePathname();
  const link = (href: string, key: MessageKey, active = pathname.startsWith(href)): NavLink => ({ href, label: t(key), active });
  // What a buyer uses every day comes first; the protocol's own pages (miners, insurance, treasury, nodes) sit
  // under "More" from lg up, so the header stays one row at 1024 px and does not grow when the wallet button
  // appears after hydration (a 40 px jump that moved the page under a visitor's first click).
  const primary = [
    link('/', 'nav.market', pathname === '/' || pathname.startsWith('/nft')),
    link('/portfolio', 'nav.portfolio'),
    link('/loans', 'nav.loans'),
    link('/earn', 'nav.earn'),
    link('/pools', 'nav.pools'),
    link('/ifil', 'nav.ifil'),
    link('/governance', 'nav.governance'),
  ];
  const more = [link('/miner', 'nav.miner'), link('/insurance', 'nav.insurance'), link('/treasury', 'nav.treasury'), link('/nodes', 'nav.nodes')];
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* On a phone the nav takes its own row under the logo and the wallet, and scrolls sideways inside itself
          (the page never does) with every link in it; from lg up it sits between them, the last four under "More".
          Labels never wrap (Chinese would break per character). */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-slate-900">
          DMEX
        </Link>
        <nav
          className="order-last -mx-4 flex w-[calc(100%+2rem)] gap-1 overflow-x-auto px-4 [scrollbar-width:none] lg:order-none lg:mx-0 lg:w-auto lg:overflow-visible lg:px-0"
          aria-label={t('nav.label')}
          data-testid="main-nav"
        >
          {primary.map((l) => (
            <Link key={l.href} href={l.href} aria-current={l.active ? 'page' : undefined} className={linkClass(l.active)}>
              {l.label}
            </Link>
          ))}
          {more.map((l) => (
            <Link key={l.href} href={l.href} aria-current={l.active ? 'page' : undefined} className={`${linkClass(l.active)} lg:hidden`}>
              {l.label}
            </Link>
          ))}
          <MoreMenu label={t('nav.more')} links={more} pathname={pathname} />
        </nav>
        {/* min-h: RainbowKit's button renders only after hydration; the row keeps its height meanwhile (no layout shift). */}
        <div className="ml-auto flex min-h-10 items-center gap-3">
          <LanguageSwitch />
          <WalletButton />
        </div>
      </div>
    </header>
  );
}

/** The "More" disclosure (lg and up): a button and, while open, a list of links; Escape, a click outside or a page change closes it. */
function MoreMenu({ label, links, pathname }: { label: string; links: NavLink[]; pathname: string }) {
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  const ref = useRef<HTMLDivElement>(null);
  if (open && openedAt !== pathname) setOpen(false); // a link in it was followed
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const active = links.find((l) => l.active);
  return (
    <div ref={ref} className="relative hidden lg:block">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="nav-more"
        onClick={() => {
          setOpenedAt(pathname);
          setOpen((o) => !o);
        }}
        className={linkClass(Boolean(active))}
        data-testid="nav-more"
      >
        {active ? active.label : label} <span aria-hidden>▾</span>
      </button>
      {open && (
        <ul id="nav-more" className="absolute right-0 z-20 mt-1 min-w-40 rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} aria-current={l.active ? 'page' : undefined} className={`block ${linkClass(l.active)}`} onClick={() => setOpen(false)}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
