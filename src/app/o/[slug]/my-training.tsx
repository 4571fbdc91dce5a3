"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { formatDay, formatDistance, formatDuration, KIND_LABELS, type Units } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

export function MyTraining({ orgSlug, units }: { orgSlug: string; units: Units }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.athletes.mine.queryOptions({ orgSlug }));
  const coaches = data.profile?.coaches.map((c) => c.name).join(", ");
  return (
    <section aria-labelledby="training-heading">
      <h1 id="training-heading" className="text-2xl font-semibold tracking-tight">
        My training
      </h1>
      <p className="mt-1 text-sm text-slate-600">{coaches ? `Coached by ${coaches}` : "No coach assigned yet"}</p>
      <h2 className="mt-6 text-lg font-semibold">Recent runs</h2>
      {data.recentRuns.length === 0 ? (
        <p className="mt-2 text-slate-600">No runs logged yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {data.recentRuns.map((run) => (
            <li key={run.id} className="flex flex-wrap items-baseline gap-x-4 px-4 py-3 text-sm">
              <span className="w-24 font-medium">{formatDay(run.localDate)}</span>
              <span className="w-24">{KIND_LABELS[run.kind]}</span>
              <span>{formatDuration(run.durationS)}</span>
              <span>{formatDistance(run.distanceM, units)}</span>
              <span>RPE {run.rpe}</span>
              {run.private && <span className="rounded bg-slate-100 px-2 text-xs text-slate-700">private</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
