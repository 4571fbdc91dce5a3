import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { AppShell } from "../../../../_shared/app-shell";
import { isoDateSchema } from "~/domain/training/plan-inputs";
import { draftsFromStored } from "~/domain/training/week-plan";
import { loadOrgPage } from "../../../../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { CommentsPanel } from "../../../../_shared/comments";
import { queryOr404, UUID } from "../../../../_shared/query-or-404";
import { checkPlan } from "./live-check";
import { WeekBuilder } from "./week-builder";

export const metadata: Metadata = { title: "Week builder" };

/** Plans one week of a coached athlete. Coaches of the athlete and owners only; athletes get 404. */
export default async function WeekBuilderPage({
  params,
}: {
  params: Promise<{ slug: string; athleteId: string; weekStart: string }>;
}) {
  const { slug, athleteId, weekStart } = await params;
  const path = `/o/${slug}/athletes/${athleteId}/week/${weekStart}`;
  const page = await loadOrgPage(slug, path);
  if (page.org.role === "athlete" || !UUID.test(athleteId) || !isoDateSchema.safeParse(weekStart).success) notFound();
  const week = await queryOr404(() =>
    getQueryClient().fetchQuery(trpc.weeks.get.queryOptions({ orgSlug: slug, athleteId, weekStart })),
  );
  if (!week.canEdit) notFound();
  // Any day of a week opens it; the address names its first day.
  if (week.weekStart !== weekStart) redirect(`/o/${slug}/athletes/${athleteId}/week/${week.weekStart}`);
  return (
    <AppShell page={page} current={`/o/${slug}`}>
      <WeekBuilder
        key={`${athleteId}-${weekStart}`}
        orgSlug={slug}
        athleteId={athleteId}
        weekStart={weekStart}
        units={page.user.units}
        week={week}
        check={checkPlan(week, draftsFromStored(week.weekStart, week.sessions))}
        templates={getQueryClient().fetchQuery(trpc.templates.list.queryOptions({ orgSlug: slug }))}
        comments={
          <Suspense fallback={<p>Loading comments…</p>}>
            <CommentsPanel orgSlug={slug} athleteId={athleteId} weekStart={weekStart} canWrite />
          </Suspense>
        }
      />
    </AppShell>
  );
}
