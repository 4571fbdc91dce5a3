"use client";

import Link from "next/link";
import { useState } from "react";
import { SESSION_KINDS, type SessionKind } from "~/domain/rules";
import { MixBar } from "~/components/mix-bar";
import { PaceAgainstTarget, WeekTotals } from "~/components/run-numbers";
import { SelectField } from "~/components/select-field";
import { formatDay, formatDistance, formatDuration, formatPace, KIND_NAMES, type Units } from "~/lib/format";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import type { RouterOutputs } from "../_shared/types";
import { RunThreadMark } from "../_shared/run-thread-mark";

type HistoryData = RouterOutputs["athleteWeeks"]["history"];

/**
 * All of the athlete's weeks from the server's data; showing one kind of run asks the server for
 * it (through the on-demand tRPC client) and keeps the answer for this visit.
 */
export function History({
  orgSlug,
  units,
  all,
  queued,
}: {
  orgSlug: string;
  units: Units;
  all: HistoryData;
  /** Runs logged on this device and not yet on the server (offline logging), above the list. */
  queued?: React.ReactNode;
}) {
  const [kind, setKind] = useState<SessionKind | "">("");
  const [byKind, setByKind] = useState<Partial<Record<SessionKind, HistoryData>>>({});
  const [failed, setFailed] = useState<SessionKind | null>(null);
  const server = useServerCall();
  const weeks = kind ? (byKind[kind]?.weeks ?? []) : all.weeks;

  function show(next: SessionKind | "") {
    setKind(next);
    setFailed(null);
    if (!next || byKind[next]) return;
    server
      .call((trpc) => trpc.athleteWeeks.history.query({ orgSlug, kind: next }))
      .then(
        (data) => setByKind((known) => ({ ...known, [next]: data })),
        () => setFailed(next),
      );
  }

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
            onFocus={preloadTrpc}
            onChange={(e) => show(e.target.value as SessionKind | "")}
            options={[
              { value: "", label: "All runs" },
              ...SESSION_KINDS.map((k) => ({ value: k, label: KIND_NAMES[k] })),
            ]}
          />
          <a
            href={`/o/${orgSlug}/runs.csv`}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium"
            download
          >
            Export all my runs (CSV)
          </a>
        </div>
      </div>
      {queued}
      {kind && !byKind[kind] && failed !== kind && (
        <p className="mt-4 text-sm text-slate-600" role="status">
          Loading…
        </p>
      )}
      {kind && failed === kind && (
        <p className="mt-4 text-sm text-red-700" role="alert">
          These runs could not be loaded.{" "}
          <button type="button" className="min-h-11 underline" onClick={() => show(kind)}>
            Try again
          </button>
        </p>
      )}
      <p className="mt-2 text-sm text-slate-600">From {formatDay(all.since)}, when your record starts.</p>
      <ol className="mt-4 space-y-4">
        {weeks.map((week) => (
          <li key={week.weekStart} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">
              Week of {formatDay(week.weekStart)}
              {week.partial && " "}
              {week.partial && (
                <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                  This week, so far
                </span>
              )}
            </h2>
            <div className="mt-2">
              <WeekTotals
                label={`Totals, week of ${formatDay(week.weekStart)}${week.partial ? " so far" : ""}`}
                totals={week.totals}
                units={units}
                load={kind ? undefined : week.load}
              />
            </div>
            <div className="mt-3">
              <p className="mb-1 text-sm font-medium text-slate-800">Mix by kind of run</p>
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
                    <RunThreadMark orgSlug={orgSlug} runId={r.id} day={formatDay(r.localDate)} />
                    <Link href={`/o/${orgSlug}/runs/${r.id}`} className="ml-auto text-blue-700 underline">
                      Edit<span className="sr-only"> run of {formatDay(r.localDate)}</span>
                    </Link>
                    <span className="w-full">
                      <PaceAgainstTarget run={r} paces={all.paces?.paces} units={units} />
                    </span>
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
