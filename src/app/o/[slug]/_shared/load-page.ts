import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "~/server/auth/session";
import { getQueryClient, trpc } from "~/trpc/server";
import { queryOr404 } from "./query-or-404";

/**
 * What every organisation page starts with: the signed-in user (or a redirect to sign-in) and the
 * organisation with the caller's role, through the same procedure the browser uses, and how many
 * comments and notifications wait for them. Non-members
 * and malformed addresses get the 404 page.
 */
export async function loadOrgPage(slug: string, path: string) {
  const user = await requireUser(path);
  return queryOr404(async () => {
    const org = await getQueryClient().fetchQuery(trpc.organisations.current.queryOptions({ orgSlug: slug }));
    const [orgs, unread, inbox] = await Promise.all([
      getQueryClient().fetchQuery(trpc.organisations.mine.queryOptions()),
      getQueryClient().fetchQuery(trpc.comments.unread.queryOptions({ orgSlug: slug })),
      getQueryClient().fetchQuery(trpc.notifications.unreadCount.queryOptions({ orgSlug: slug })),
    ]);
    // Comments by others the caller has yet to open, and unread notifications: the navigation's badges.
    return { user, org, orgs, unreadComments: unread.total, unreadNotifications: inbox.count };
  });
}

export type OrgPage = Awaited<ReturnType<typeof loadOrgPage>>;

/** An athlete's own page (log a run, history, feedback, paces, calendar, plan): anyone else gets the 404 page. */
export async function loadAthletePage(slug: string, path: string) {
  const page = await loadOrgPage(slug, path);
  if (page.org.role !== "athlete") notFound();
  return page;
}
