import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AppShell } from "../../_shared/app-shell";
import { isoDateSchema } from "~/domain/training/plan-inputs";
import { loadAthletePage } from "../../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { queryOr404 } from "../../_shared/query-or-404";
import { PlanView } from "./plan-view";

export const metadata: Metadata = { title: "My plan" };

/** The signed-in athlete's plan for one week, read-only, once their coach has published it. */
export default async function PlanPage({ params }: { params: Promise<{ slug: string; weekStart: string }> }) {
  const { slug, weekStart } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/plan/${weekStart}`);
  const athleteId = page.org.athleteId;
  if (!athleteId || !isoDateSchema.safeParse(weekStart).success) notFound();
  const week = await queryOr404(() =>
    getQueryClient().fetchQuery(trpc.weeks.get.queryOptions({ orgSlug: slug, athleteId, weekStart })),
  );
  if (week.weekStart !== weekStart) redirect(`/o/${slug}/plan/${week.weekStart}`);
  return (
    <AppShell page={page} current={`/o/${slug}/plan`}>
      <PlanView orgSlug={slug} athleteId={athleteId} units={page.user.units} data={week} />
    </AppShell>
  );
}
