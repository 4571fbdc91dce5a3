import Link from "next/link";
import type { OrgPage } from "./load-page";
import { BottomNav, MainNav, Menu, NavProvider, NavSync, type NavItem } from "./shell-nav";

export type { NavItem };

/** The main navigation; on a phone the first four are the bottom bar (PHONE_BAR_ITEMS), the rest "More". */
export function navFor({ org, unreadComments, unreadNotifications }: OrgPage): NavItem[] {
  const base = `/o/${org.slug}`;
  if (org.role === "athlete") {
    return [
      { href: base, label: "This week" },
      { href: `${base}/log`, label: "Log a run" },
      { href: `${base}/plan`, label: "Plan" },
      { href: `${base}/feedback`, label: "Feedback", badge: unreadComments },
      { href: `${base}/history`, label: "History" },
      { href: `${base}/import`, label: "Import" },
      { href: `${base}/paces`, label: "Paces" },
      { href: `${base}/calendar`, label: "Calendar" },
      { href: `${base}/inbox`, label: "Inbox", badge: unreadNotifications },
    ];
  }
  const items: NavItem[] = [
    { href: base, label: "Athletes", badge: unreadComments },
    { href: `${base}/templates`, label: "Templates" },
    { href: `${base}/import`, label: "Import runs" },
  ];
  if (org.abilities.inviteAthletes)
    items.push({ href: `${base}/members`, label: org.abilities.manageMembers ? "Members" : "Invite athletes" });
  // Last: on a phone behind More, whose own badge then counts it.
  items.push({ href: `${base}/inbox`, label: "Inbox", badge: unreadNotifications });
  return items;
}

/** What concerns the organisation rather than the day's work: in its menu, not the main navigation. */
export function orgMenuFor({ org }: OrgPage): NavItem[] {
  const base = `/o/${org.slug}`;
  const items: NavItem[] = [];
  if (org.abilities.viewAudit) items.push({ href: `${base}/audit`, label: "Audit log" });
  if (org.abilities.viewOutbox) items.push({ href: `${base}/outbox`, label: "Outbox" });
  return items;
}

/**
 * The frame of every organisation page, rendered once by the organisation's layout so it stays put
 * while the next page loads: organisation menu, navigation (a bottom bar on phones), account links.
 * Sticky or fixed parts of a page keep clear of the phone's bar with `var(--app-bottom-inset)`.
 */
export function OrgFrame({ page, children }: { page: OrgPage; children: React.ReactNode }) {
  const { org, orgs, user } = page;
  const orgMenu = orgMenuFor(page);
  const menuLink = "flex min-h-11 items-center px-3 text-sm hover:bg-slate-100 aria-[current=true]:font-semibold";
  return (
    <NavProvider items={navFor(page)} home={`/o/${org.slug}`}>
      <div className="[--app-bottom-inset:calc(3.5rem+env(safe-area-inset-bottom))] md:[--app-bottom-inset:0px]">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 md:py-3">
            <Link href={`/o/${org.slug}`} className="font-semibold text-slate-900">
              Runbalance
            </Link>
            <Menu
              label={
                <>
                  <span className="sr-only">Organisation: </span>
                  {org.name}
                  <span aria-hidden="true">▾</span>
                </>
              }
              buttonClassName="flex min-h-11 items-center gap-1 rounded-md px-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
              panelClassName="left-0 mt-1"
              panelLabel="Organisation"
            >
              {orgMenu.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className={menuLink}>
                    {item.label}
                  </Link>
                </li>
              ))}
              <li aria-hidden="true" className={orgMenu.length ? "my-1 border-t border-slate-200" : "hidden"} />
              <li className="px-3 pb-1 pt-1 text-xs font-medium uppercase tracking-wide text-slate-600">
                Switch organisation
              </li>
              {orgs.map((o) => (
                <li key={o.slug}>
                  <Link
                    href={`/o/${o.slug}`}
                    aria-current={o.slug === org.slug ? "true" : undefined}
                    className={menuLink}
                  >
                    {o.name}&nbsp;<span className="text-slate-600">· {o.role}</span>
                  </Link>
                </li>
              ))}
            </Menu>
            <MainNav />
            <nav aria-label="Account" className="ml-auto hidden items-center gap-3 text-sm md:flex">
              <Link href="/settings" className="text-slate-700 hover:underline">
                {user.name}
              </Link>
              {/* Not prefetched: every page would otherwise download the sign-out page and its button's code. */}
              <Link href="/sign-out" prefetch={false} className="text-blue-700 hover:underline">
                Sign out
              </Link>
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 pb-[calc(var(--app-bottom-inset)+1.5rem)] pt-6">
          {children}
        </main>
        <BottomNav
          account={[
            { href: "/settings", label: `Settings (${user.name})` },
            { href: "/sign-out", label: "Sign out" },
          ]}
        />
      </div>
    </NavProvider>
  );
}

/**
 * What each organisation page wraps itself in. The frame itself is the layout's (OrgFrame); the page
 * hands it this page's navigation items, whose unread counts are newer than the layout's.
 */
export function AppShell({ page, current, children }: { page: OrgPage; current: string; children: React.ReactNode }) {
  return (
    <>
      <NavSync items={navFor(page)} current={current} />
      {children}
    </>
  );
}
