import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DEFAULT_EFFORT_BANDS } from "~/domain/rules";
import { AppShell } from "../../_shared/app-shell";
import { zonedParts } from "~/lib/zoned-time";
import { loadOrgPage } from "../../_shared/load-page";
import { queryOr404 } from "../../_shared/query-or-404";
import { getQueryClient, trpc } from "~/trpc/server";
import { RunForm } from "../../run-form";
import { now } from "~/lib/clock";
import { RunConversation } from "../../_shared/comments";
import { LapComplianceCard } from "../../_shared/lap-compliance";

export const metadata: Metadata = { title: "Edit run" };

/** A run: its form for those who may change it, and its conversation between the athlete and their coaches. */
export default async function EditRunPage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const { slug, runId } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/runs/${runId}`);
  const queryClient = getQueryClient();
  const run = await queryOr404(() => queryClient.fetchQuery(trpc.runs.get.queryOptions({ orgSlug: slug, runId })));
  if (!run.canEdit) notFound();
  const week =
    page.org.role === "athlete"
      ? await queryClient.fetchQuery(trpc.athleteWeeks.thisWeek.queryOptions({ orgSlug: slug }))
      : null;
  const started = zonedParts(run.startedAt, page.user.timeZone);
  return (
    <AppShell page={page} current={`/o/${slug}/history`}>
      <div className="mx-auto max-w-lg">
        <h1 className="text-2xl font-semibold tracking-tight">Edit run</h1>
        <div className="mt-4">
          <RunForm
            orgSlug={slug}
            runId={run.id}
            units={page.user.units}
            today={week?.today ?? zonedParts(now(), page.user.timeZone).date}
            effortBands={week?.effortBands ?? DEFAULT_EFFORT_BANDS}
            initial={{
              date: run.localDate,
              time: started.time,
              kind: run.kind,
              durationS: run.durationS,
              distanceM: run.distanceM,
              rpe: run.rpe,
              notes: run.notes,
              private: run.private,
              plannedSessionId: run.plannedSessionId,
            }}
          />
        </div>
        {run.lapCompliance && (
          <LapComplianceCard
            compliance={run.lapCompliance}
            units={page.user.units}
            ownRun={page.org.role === "athlete"}
            athleteName={run.athleteName}
          />
        )}
        <RunConversation orgSlug={slug} athleteId={run.athleteId} runId={run.id} ownRun={page.org.role === "athlete"} />
      </div>
    </AppShell>
  );
}
