import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { CalendarFeed } from "./calendar-feed";

export const metadata: Metadata = { title: "Calendar" };

export default async function CalendarPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/calendar`);
  const feed = await getQueryClient().fetchQuery(trpc.calendarFeeds.status.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/calendar`}>
      <CalendarFeed orgSlug={slug} active={feed.active} />
    </AppShell>
  );
}
