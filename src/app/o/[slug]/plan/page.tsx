import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { UpcomingWeeks } from "./upcoming-weeks";
import { RacesEditor } from "../_shared/races-editor";

export const metadata: Metadata = { title: "Plan" };

/** The signed-in athlete's plan ahead: this week and the next ones, as far as their coach has published. */
export default async function PlanIndexPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/plan`);
  const [upcoming, season] = await Promise.all([
    getQueryClient().fetchQuery(trpc.athleteWeeks.upcoming.queryOptions({ orgSlug: slug })),
    getQueryClient().fetchQuery(trpc.season.get.queryOptions({ orgSlug: slug })),
  ]);
  return (
    <AppShell page={page} current={`/o/${slug}/plan`}>
      <UpcomingWeeks orgSlug={slug} units={page.user.units} data={upcoming} races={season.races} />
      <section aria-labelledby="races-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="races-heading" className="text-lg font-semibold">
          Your races
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">Your coach sees them too, and plans around them.</p>
        <RacesEditor orgSlug={slug} units={page.user.units} season={season} who="your" />
      </section>
    </AppShell>
  );
}
