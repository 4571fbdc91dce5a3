import type { Metadata } from "next";
import { getQueryClient, trpc } from "~/trpc/server";
import { AppShell } from "../_shared/app-shell";
import { loadOrgPage } from "../_shared/load-page";
import { InboxList } from "./inbox-list";

export const metadata: Metadata = { title: "Inbox" };

/** What happened that concerns the signed-in member, newest first: each item a link to the thing. */
export default async function InboxPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/inbox`);
  const first = await getQueryClient().fetchQuery(trpc.notifications.list.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/inbox`}>
      <div className="mx-auto max-w-2xl">
        <h1 className="text-2xl font-semibold tracking-tight">Inbox</h1>
        <InboxList orgSlug={slug} timeZone={page.user.timeZone} unread={page.unreadNotifications} first={first} />
      </div>
    </AppShell>
  );
}
