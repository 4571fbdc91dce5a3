import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AppShell } from "~/components/app-shell";
import { isoDateSchema } from "~/domain/training/plan-inputs";
import { loadOrgPage } from "~/server/pages/load-org";
import { HydrateClient } from "~/trpc/hydrate-client";
import { getQueryClient, prefetch, trpc } from "~/trpc/server";
import { queryOr404, UUID } from "../../../../_coach/load";
import { WeekBuilder } from "./week-builder";

export const metadata: Metadata = { title: "Week builder" };

/** Plans one week of a coached athlete. Coaches of the athlete and owners only; athletes get 404. */
export default async function WeekBuilderPage({ params }: { params: Promise<{ slug: string; athleteId: string; weekStart: string }> }) {
  const { slug, athleteId, weekStart } = await params;
  const path = `/o/${slug}/athletes/${athleteId}/week/${weekStart}`;
  const page = await loadOrgPage(slug, path);
  if (page.org.role === "athlete" || !UUID.test(athleteId) || !isoDateSchema.safeParse(weekStart).success) notFound();
  const week = await queryOr404(() => getQueryClient().fetchQuery(trpc.weeks.get.queryOptions({ orgSlug: slug, athleteId, weekStart })));
  if (!week.canEdit) notFound();
  // Any day of a week opens it; the address names its first day.
  if (week.weekStart !== weekStart) redirect(`/o/${slug}/athletes/${athleteId}/week/${week.weekStart}`);
  prefetch(trpc.templates.list.queryOptions({ orgSlug: slug }));
  prefetch(trpc.comments.listForAthlete.queryOptions({ orgSlug: slug, athleteId, weekStart }));
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <HydrateClient>
        <WeekBuilder key={`${athleteId}-${weekStart}`} orgSlug={slug} athleteId={athleteId} weekStart={weekStart} units={page.user.units} />
      </HydrateClient>
    </AppShell>
  );
}
