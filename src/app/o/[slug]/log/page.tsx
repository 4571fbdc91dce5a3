import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { zonedParts } from "~/lib/zoned-time";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { RunForm } from "../run-form";
import { QueuedRunForm } from "./queued-run-form";
import { now } from "~/lib/clock";

export const metadata: Metadata = { title: "Log a run" };

export default async function LogRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ queued?: string | string[] }>;
}) {
  const { slug } = await params;
  // A run saved offline that the server refused, to fix (its key in this browser's queue).
  const { queued } = await searchParams;
  const page = await loadAthletePage(slug, `/o/${slug}/log`);
  const week = await getQueryClient().fetchQuery(trpc.athleteWeeks.thisWeek.queryOptions({ orgSlug: slug }));
  // Today's planned session that has no run yet picks the kind (and is what the run fulfils).
  const done = new Set(week.evaluation.compliance.filter((c) => c.runId).map((c) => c.plannedId));
  const todays = week.planned.find((p) => p.date === week.today && !done.has(p.id));
  const clockNow = now();
  const local = zonedParts(clockNow, page.user.timeZone);
  return (
    <AppShell page={page} current={`/o/${slug}/log`}>
      <div className="mx-auto max-w-lg">
        <h1 className="text-2xl font-semibold tracking-tight">Log a run</h1>
        <div className="mt-4">
          {typeof queued === "string" ? (
            <QueuedRunForm
              queuedKey={queued}
              userId={page.user.id}
              orgSlug={slug}
              units={page.user.units}
              today={week.today}
              effortBands={week.effortBands}
              timeZone={page.user.timeZone}
            />
          ) : (
            <RunForm
              userId={page.user.id}
              orgSlug={slug}
              units={page.user.units}
              today={week.today}
              effortBands={week.effortBands}
              nowMs={clockNow.getTime()}
              timeZone={page.user.timeZone}
              planned={
                todays
                  ? {
                      id: todays.id,
                      kind: todays.kind,
                      durationS: todays.durationMin ? todays.durationMin * 60 : null,
                      description: todays.description,
                    }
                  : null
              }
              initial={{
                date: local.date,
                time: local.time,
                kind: todays?.kind ?? "aerobic",
                durationS: null,
                distanceM: null,
                rpe: null,
                notes: "",
                private: false,
                plannedSessionId: todays?.id ?? null,
              }}
            />
          )}
        </div>
      </div>
    </AppShell>
  );
}
