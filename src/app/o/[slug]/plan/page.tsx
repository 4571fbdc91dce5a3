import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { UpcomingWeeks } from "./upcoming-weeks";

export const metadata: Metadata = { title: "Plan" };

/** The signed-in athlete's plan ahead: this week and the next ones, as far as their coach has published. */
export default async function PlanIndexPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/plan`);
  const upcoming = await getQueryClient().fetchQuery(trpc.athleteWeeks.upcoming.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/plan`}>
      <UpcomingWeeks orgSlug={slug} units={page.user.units} data={upcoming} />
    </AppShell>
  );
}
