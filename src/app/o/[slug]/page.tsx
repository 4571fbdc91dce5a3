import type { Metadata } from "next";
import { AppShell } from "./_shared/app-shell";
import { loadOrgPage } from "./_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { Roster } from "./roster";
import { ThisWeek } from "./this-week";
import { UnreadConversations } from "./_shared/unread-conversations";

export const metadata: Metadata = { title: "Home" };

export default async function OrganisationHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}`);
  const queryClient = getQueryClient();
  // Rendered from the server's data: the roster's filters run in the browser, this week is static.
  const content =
    page.org.role === "athlete" ? (
      <ThisWeek
        orgSlug={slug}
        units={page.user.units}
        week={await queryClient.fetchQuery(trpc.athleteWeeks.thisWeek.queryOptions({ orgSlug: slug }))}
      />
    ) : (
      <Roster
        orgSlug={slug}
        isOwner={page.org.role === "owner"}
        rows={await queryClient.fetchQuery(trpc.roster.list.queryOptions({ orgSlug: slug }))}
      />
    );
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      {page.org.role !== "athlete" && <UnreadConversations orgSlug={slug} />}
      {content}
    </AppShell>
  );
}
