"use client";

import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { SESSION_KINDS, type SessionKind } from "~/domain/rules";
import { MixBar } from "~/components/mix-bar";
import { SelectField } from "~/components/select-field";
import { formatDay, formatDistance, formatDuration, formatPace, KIND_NAMES, type Units } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

export function History({ orgSlug, units }: { orgSlug: string; units: Units }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<SessionKind | "">("");
  const { data: all } = useSuspenseQuery(trpc.training.history.queryOptions({ orgSlug }));
  const filtered = useQuery({ ...trpc.training.history.queryOptions({ orgSlug, kind: kind || undefined }), enabled: kind !== "" });
  const weeks = kind ? (filtered.data?.weeks ?? []) : all.weeks;

  return (
    <section aria-labelledby="history-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="history-heading" className="text-2xl font-semibold tracking-tight">
          History
        </h1>
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            label="Show"
            value={kind}
            onChange={(e) => setKind(e.target.value as SessionKind | "")}
            options={[{ value: "", label: "All runs" }, ...SESSION_KINDS.map((k) => ({ value: k, label: KIND_NAMES[k] }))]}
          />
          <a href={`/o/${orgSlug}/runs.csv`} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium" download>
            Export all my runs (CSV)
          </a>
        </div>
      </div>
      {kind && filtered.isPending && <p className="mt-4 text-sm text-slate-600" role="status">Loading…</p>}
      <ol className="mt-4 space-y-4">
        {weeks.map((week) => (
          <li key={week.weekStart} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">Week of {formatDay(week.weekStart)}</h2>
            <div className="mt-2">
              <MixBar label="Mix by kind of run" proportions={week.evaluation.actual.proportions} bands={all.bands} />
            </div>
            {week.runs.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No {kind ? KIND_NAMES[kind].toLowerCase() + " " : ""}runs.</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {week.runs.map((r) => (
                  <li key={r.id} className="flex flex-wrap gap-x-4 py-2">
                    <span className="w-24 font-medium">{formatDay(r.localDate)}</span>
                    <span className="w-24">{KIND_NAMES[r.kind]}</span>
                    <span>{formatDuration(r.durationS)}</span>
                    <span>{formatDistance(r.distanceM, units)}</span>
                    <span>{formatPace(r.durationS, r.distanceM, units)}</span>
                    <span>RPE {r.rpe}</span>
                    <Link href={`/o/${orgSlug}/runs/${r.id}`} className="ml-auto text-blue-700 underline">
                      Edit<span className="sr-only"> run of {formatDay(r.localDate)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
