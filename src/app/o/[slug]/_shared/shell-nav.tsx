"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useId, useRef, useState } from "react";

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
    <nav aria-label="Main" className="hidden flex-1 flex-wrap gap-0.5 text-sm md:flex">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.href === current ? "page" : undefined}
          className="rounded-md px-2.5 py-2 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
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
              <>
                More
                {moreBadge ? <NavBadge count={moreBadge} /> : null}
              </>
            }
            buttonClassName={`${cell} ${moreCurrent ? "text-blue-700 shadow-[inset_0_3px_0_currentColor]" : ""}`}
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
 * A disclosure menu: a button that shows or hides a list of links, and closes when the address
 * changes, on Escape (focus back on the button) and on a click outside it.
 */
export function Menu({
  label,
  buttonClassName,
  panelClassName,
  panelLabel,
  children,
}: {
  label: React.ReactNode;
  buttonClassName: string;
  panelClassName: string;
  panelLabel: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const pathname = usePathname();
  const [openedAt, setOpenedAt] = useState(pathname);
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open]);
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className={buttonClassName}
      >
        {label}
      </button>
      <ul
        id={panelId}
        hidden={!open}
        aria-label={panelLabel}
        className={`absolute z-40 min-w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg ${panelClassName}`}
      >
        {children}
      </ul>
    </div>
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
