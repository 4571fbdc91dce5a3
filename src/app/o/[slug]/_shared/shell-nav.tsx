"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState } from "react";

export interface NavItem {
  href: string;
  label: string;
  /** A count that needs the reader (unread comments, say); shown only when above zero. */
  badge?: number;
}

/** How many items a phone shows in its bottom bar; the rest are behind "More". */
export const PHONE_BAR_ITEMS = 4;

interface NavState {
  items: NavItem[];
  /** The page's own idea of its nav item, trusted only while the address is still the page's. */
  current?: { href: string; pathname: string };
}

const NavContext = createContext<{ state: NavState; setState: (state: NavState) => void } | null>(null);
const HomeContext = createContext<string | null>(null);

/**
 * The organisation layout persists across navigations, so each page sends its fresh items (unread
 * counts change) through here; until it does, the layout's own items stand.
 */
export function NavProvider({ items, home, children }: { items: NavItem[]; home: string; children: React.ReactNode }) {
  const [state, setState] = useState<NavState>({ items });
  return (
    <HomeContext.Provider value={home}>
      <NavContext.Provider value={{ state, setState }}>{children}</NavContext.Provider>
    </HomeContext.Provider>
  );
}

/** Rendered by each page (through AppShell): hands its navigation items to the layout's shell. */
export function NavSync({ items, current }: { items: NavItem[]; current: string }) {
  const context = useContext(NavContext);
  const pathname = usePathname();
  const setState = context?.setState;
  const key = JSON.stringify(items);
  useEffect(() => {
    setState?.({ items: JSON.parse(key) as NavItem[], current: { href: current, pathname } });
  }, [setState, key, current, pathname]);
  return null;
}

/** The organisation's start page while inside its shell, else the dashboard (which finds one). */
export function HomeLink({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <Link href={useContext(HomeContext) ?? "/dashboard"} className={className}>
      {children}
    </Link>
  );
}

/** The page's main landmark when no frame gives it one (a 404 for someone outside the organisation). */
export function MainUnlessFramed({ className, children }: { className: string; children: React.ReactNode }) {
  return useContext(HomeContext) ? (
    <div className={className}>{children}</div>
  ) : (
    <main id="main" className={className}>
      {children}
    </main>
  );
}

/** The item this address belongs to: the page's word for it, else the longest matching href. */
function useNav(): { items: NavItem[]; current: string | undefined } {
  const context = useContext(NavContext);
  const pathname = usePathname();
  const items = context?.state.items ?? [];
  const pushed = context?.state.current;
  if (pushed && pushed.pathname === pathname) return { items, current: pushed.href };
  const matching = items.filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  const current = matching.sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return { items, current };
}

/** The desktop's row of links. */
export function MainNav() {
  const { items, current } = useNav();
  return (
    <nav aria-label="Main" className="hidden flex-1 flex-wrap gap-1 text-sm md:flex">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.href === current ? "page" : undefined}
          className="rounded-md px-3 py-2 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
        >
          {item.label}
          {item.badge ? <NavBadge count={item.badge} /> : null}
        </Link>
      ))}
    </nav>
  );
}

/** A phone's bottom bar: the first four items, and "More" for the rest and the account. */
export function BottomNav({ account }: { account: NavItem[] }) {
  const { items, current } = useNav();
  const bar = items.slice(0, PHONE_BAR_ITEMS);
  const more = [...items.slice(PHONE_BAR_ITEMS), ...account];
  const moreBadge = more.reduce((sum, item) => sum + (item.badge ?? 0), 0);
  const moreCurrent = more.some((item) => item.href === current);
  const cell =
    "flex min-h-14 w-full flex-col items-center justify-center gap-0.5 px-1 text-xs font-medium text-slate-700 aria-[current=page]:text-blue-700 aria-[current=page]:shadow-[inset_0_3px_0_currentColor]";
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden"
    >
      <ul className="grid grid-cols-5">
        {bar.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={item.href === current ? "page" : undefined} className={cell}>
              <span className="text-center leading-tight">{item.label}</span>
              {item.badge ? <NavBadge count={item.badge} /> : null}
            </Link>
          </li>
        ))}
        <li className="col-start-5">
          <Menu
            label={
              <span className={cell} aria-current={moreCurrent ? "page" : undefined}>
                More
                {moreBadge ? <NavBadge count={moreBadge} /> : null}
              </span>
            }
            summaryClassName="block"
            panelClassName="bottom-full right-1 mb-2"
            panelLabel="More"
          >
            {more.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  prefetch={item.href === "/sign-out" ? false : undefined}
                  aria-current={item.href === current ? "page" : undefined}
                  className="flex min-h-11 items-center px-4 text-sm text-slate-800 hover:bg-slate-100 aria-[current=page]:font-semibold"
                >
                  {item.label}
                  {item.badge ? <NavBadge count={item.badge} /> : null}
                </Link>
              </li>
            ))}
          </Menu>
        </li>
      </ul>
    </nav>
  );
}

/**
 * A disclosure menu (native details/summary, so it works by keyboard before hydration) that closes
 * when the address changes, on Escape and on a click outside it.
 */
export function Menu({
  label,
  summaryClassName,
  panelClassName,
  panelLabel,
  children,
}: {
  label: React.ReactNode;
  summaryClassName: string;
  panelClassName: string;
  panelLabel: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
      } else if (!details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);
  return (
    <details ref={ref} className="relative">
      <summary className={`cursor-pointer list-none [&::-webkit-details-marker]:hidden ${summaryClassName}`}>
        {label}
      </summary>
      <ul
        aria-label={panelLabel}
        className={`absolute z-40 min-w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg ${panelClassName}`}
      >
        {children}
      </ul>
    </details>
  );
}

function NavBadge({ count }: { count: number }) {
  return (
    <span className="ml-1.5 inline-flex min-w-5 justify-center rounded-full bg-rose-700 px-1.5 text-xs font-semibold text-white">
      {count}
      <span className="sr-only"> unread</span>
    </span>
  );
}
