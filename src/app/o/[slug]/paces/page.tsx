import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { PaceGuidance } from "./pace-guidance";

export const metadata: Metadata = { title: "Paces" };

export default async function PacesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/paces`);
  const week = await getQueryClient().fetchQuery(trpc.athleteWeeks.thisWeek.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/paces`}>
      <PaceGuidance orgSlug={slug} units={page.user.units} initialRace={week.race} initialGuidance={week.paces} />
    </AppShell>
  );
}
