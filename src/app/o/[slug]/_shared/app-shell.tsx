import Link from "next/link";
import type { OrgPage } from "./load-page";

export interface NavItem {
  href: string;
  label: string;
  /** A count that needs the reader (unread comments, say); shown only when above zero. */
  badge?: number;
}

function navFor({ org, unreadComments }: OrgPage): NavItem[] {
  const base = `/o/${org.slug}`;
  if (org.role === "athlete") {
    return [
      { href: base, label: "This week" },
      { href: `${base}/log`, label: "Log a run" },
      { href: `${base}/import`, label: "Import" },
      { href: `${base}/history`, label: "History" },
      { href: `${base}/feedback`, label: "Feedback", badge: unreadComments },
      { href: `${base}/paces`, label: "Paces" },
      { href: `${base}/calendar`, label: "Calendar" },
    ];
  }
  const items: NavItem[] = [
    { href: base, label: "Athletes", badge: unreadComments },
    { href: `${base}/templates`, label: "Templates" },
    { href: `${base}/import`, label: "Import runs" },
  ];
  if (org.abilities.inviteAthletes)
    items.push({ href: `${base}/members`, label: org.abilities.manageMembers ? "Members" : "Invite athletes" });
  if (org.abilities.viewAudit) items.push({ href: `${base}/audit`, label: "Audit log" });
  if (org.abilities.viewOutbox) items.push({ href: `${base}/outbox`, label: "Outbox" });
  return items;
}

/** The frame of every signed-in page: organisation switcher, navigation, account links. */
export function AppShell({ page, current, children }: { page: OrgPage; current: string; children: React.ReactNode }) {
  const { org, orgs, user } = page;
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href={`/o/${org.slug}`} className="font-semibold text-slate-900">
            Runbalance
          </Link>
          <details className="relative">
            <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1 rounded-md px-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
              <span className="sr-only">Organisation: </span>
              {org.name}
              <span aria-hidden="true">▾</span>
            </summary>
            <ul
              className="absolute z-10 mt-1 min-w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
              aria-label="Switch organisation"
            >
              {orgs.map((o) => (
                <li key={o.slug}>
                  <Link
                    href={`/o/${o.slug}`}
                    aria-current={o.slug === org.slug ? "true" : undefined}
                    className="block px-3 py-2 text-sm hover:bg-slate-100 aria-[current=true]:font-semibold"
                  >
                    {o.name} <span className="text-slate-600">· {o.role}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </details>
          <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1 text-sm">
            {navFor(page).map((item) => (
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
          <nav aria-label="Account" className="flex items-center gap-3 text-sm">
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
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
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
