import type { Metadata } from "next";
import { AppShell } from "./_shared/app-shell";
import { loadOrgPage } from "./_shared/load-page";
import { rosterLine } from "~/domain/training/roster-line";
import { getQueryClient, trpc } from "~/trpc/server";
import { Roster } from "./roster";
import { ThisWeek } from "./this-week";
import { QueuedRuns } from "./_shared/queued-runs";
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
        queued={<QueuedRuns userId={page.user.id} orgSlug={slug} units={page.user.units} />}
      />
    ) : (
      <Roster
        orgSlug={slug}
        canInvite={page.org.abilities.inviteAthletes}
        showCoaches={page.org.role === "owner"}
        units={page.user.units}
        // Only what each line shows goes to the browser: the full rows are several times larger.
        lines={(await queryClient.fetchQuery(trpc.roster.list.queryOptions({ orgSlug: slug }))).map((row) =>
          rosterLine(row, { withCoaches: page.org.role === "owner" }),
        )}
      />
    );
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      {page.org.role !== "athlete" && <UnreadConversations orgSlug={slug} />}
      {content}
    </AppShell>
  );
}
