"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { byAttention } from "~/domain/training/roster";
import { formatDay } from "~/lib/format";
import { FlagMessages } from "./_shared/flags";
import { minutesText, pct } from "./_shared/format";
import { MixKey, MixStack } from "./_shared/mix-stack";
import type { RouterOutputs } from "./_shared/types";

type Row = RouterOutputs["roster"]["list"][number];
type SortKey = "attention" | "name" | "compliance" | "volume" | "lastRun";
type Measure = "effort" | "label";

const SORTS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: "attention", label: "Needs attention first" },
  { value: "name", label: "Name" },
  { value: "compliance", label: "Compliance, lowest first" },
  { value: "volume", label: "Done vs planned, lowest first" },
  { value: "lastRun", label: "Last run, longest ago first" },
];

const doneShare = (r: Row) => (r.thisWeek.plannedMin > 0 ? r.thisWeek.doneMin / r.thisWeek.plannedMin : Infinity);

const COMPARE: Record<SortKey, (a: Row, b: Row) => number> = {
  attention: byAttention,
  name: (a, b) => a.displayName.localeCompare(b.displayName),
  compliance: (a, b) => (a.compliance.greenShare ?? 2) - (b.compliance.greenShare ?? 2) || byAttention(a, b),
  volume: (a, b) => doneShare(a) - doneShare(b) || byAttention(a, b),
  lastRun: (a, b) => (a.lastRunOn ?? "").localeCompare(b.lastRunOn ?? "") || byAttention(a, b),
};

/** Which column a sort is about, for aria-sort. */
const SORTED_COLUMN: Record<SortKey, string> = {
  attention: "flags",
  name: "athlete",
  compliance: "compliance",
  volume: "volume",
  lastRun: "lastRun",
};

/** The coach's athletes from the server's data, found, filtered and sorted in the browser. */
export function Roster({ orgSlug, isOwner, rows }: { orgSlug: string; isOwner: boolean; rows: Row[] }) {
  const [query, setQuery] = useState("");
  const [show, setShow] = useState<"all" | "attention" | "ok">("all");
  const [sort, setSort] = useState<SortKey>("attention");
  const [measure, setMeasure] = useState<Measure>("effort");

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return rows
      .filter((r) => !q || r.displayName.toLowerCase().includes(q))
      .filter((r) => show === "all" || (show === "attention") === r.needsAttention)
      .sort(COMPARE[sort]);
  }, [rows, query, show, sort]);
  const needing = rows.filter((r) => r.needsAttention).length;
  const ariaSort = (column: string) =>
    SORTED_COLUMN[sort] === column ? (sort === "attention" ? "descending" : "ascending") : undefined;

  return (
    <section aria-labelledby="athletes-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="athletes-heading" className="text-2xl font-semibold tracking-tight">
          Athletes
        </h1>
        <nav aria-label="Coaching tools" className="flex flex-wrap gap-3 text-sm">
          <Link
            href={`/o/${orgSlug}/templates`}
            className="rounded-md px-2 py-2 text-blue-700 underline-offset-2 hover:underline"
          >
            Week templates
          </Link>
          <Link
            href={`/o/${orgSlug}/training-settings`}
            className="rounded-md px-2 py-2 text-blue-700 underline-offset-2 hover:underline"
          >
            {isOwner ? "Club training settings" : "Club defaults"}
          </Link>
        </nav>
      </div>
      <p className="mt-1 text-sm text-slate-600" role="status">
        {rows.length === 0
          ? "No athletes yet."
          : `${rows.length} athlete${rows.length === 1 ? "" : "s"}, ${needing} needing attention. This week and the four before it, judged on published plans.`}
      </p>

      {rows.length === 0 ? (
        <p className="mt-4 text-slate-600">No athletes yet. Invite your first athlete from Members.</p>
      ) : (
        <>
          <div className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <TextField
              label="Find an athlete"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
            <SelectField
              label="Show"
              value={show}
              onChange={(e) => setShow(e.target.value as typeof show)}
              options={[
                { value: "all", label: "All athletes" },
                { value: "attention", label: "Needing attention" },
                { value: "ok", label: "On track" },
              ]}
            />
            <SelectField
              label="Sort by"
              value={sort}
              onChange={(e) => setSort(e.target.value as SortKey)}
              options={SORTS}
            />
            <SelectField
              label="Mix by"
              value={measure}
              onChange={(e) => setMeasure(e.target.value as Measure)}
              options={[
                { value: "effort", label: "Effort (RPE the athlete gave)" },
                { value: "label", label: "Session kind (what it was meant to be)" },
              ]}
            />
          </div>
          <div className="mt-3">
            <MixKey />
          </div>
          <div
            className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white"
            role="region"
            aria-label="Athletes table"
            tabIndex={0}
          >
            <table className="w-full min-w-[60rem] text-left text-sm">
              <caption className="sr-only">
                Athletes you coach, {SORTS.find((s) => s.value === sort)?.label.toLowerCase()}
              </caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="w-40 px-3 py-3 font-medium" aria-sort={ariaSort("athlete")}>
                    Athlete
                  </th>
                  <th scope="col" className="w-60 px-3 py-3 font-medium">
                    Mix: this week, then the 4 before
                  </th>
                  <th
                    scope="col"
                    className="w-48 px-3 py-3 font-medium"
                    aria-sort={ariaSort("volume") ?? ariaSort("compliance")}
                  >
                    Plan vs done
                  </th>
                  <th scope="col" className="px-3 py-3 font-medium" aria-sort={ariaSort("flags")}>
                    Most important flags
                  </th>
                  <th scope="col" className="w-24 px-3 py-3 font-medium" aria-sort={ariaSort("lastRun")}>
                    Last run
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map((row) => (
                  <RosterRow key={row.athleteId} row={row} orgSlug={orgSlug} measure={measure} showCoaches={isOwner} />
                ))}
              </tbody>
            </table>
            {visible.length === 0 && <p className="p-4 text-slate-600">No athlete matches.</p>}
          </div>
        </>
      )}
    </section>
  );
}

function RosterRow({
  row,
  orgSlug,
  measure,
  showCoaches,
}: {
  row: Row;
  orgSlug: string;
  measure: Measure;
  showCoaches: boolean;
}) {
  const current = row.weeks[row.weeks.length - 1];
  const previous = row.weeks.slice(0, -1);
  const measureWords = measure === "effort" ? "by effort" : "by session kind";
  const { thisWeek, compliance } = row;
  // Early in the week there is too little running to judge: show what is planned instead.
  const actual = current?.[measure] ?? null;
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="px-3 py-3">
        <Link
          href={`/o/${orgSlug}/athletes/${row.athleteId}`}
          className="font-medium text-blue-800 underline-offset-2 hover:underline"
        >
          {row.displayName}
        </Link>
        <div className="mt-1">
          {row.needsAttention ? (
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950">
              Needs attention
            </span>
          ) : (
            <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-900">On track</span>
          )}
        </div>
        {showCoaches && (
          <div className="mt-1 text-xs text-slate-600">
            {row.coaches.length ? `Coach: ${row.coaches.join(", ")}` : "No coach yet"}
          </div>
        )}
      </td>
      <td className="px-3 py-3">
        {actual || !current?.plan ? (
          <MixStack
            proportions={actual}
            bands={row.bands}
            label={`This week so far, ${measureWords}`}
            emptyText="too few runs yet"
          />
        ) : (
          <MixStack
            proportions={current.plan}
            bands={row.bands}
            label="This week as planned (too few runs yet to judge)"
          />
        )}
        <p className="mt-0.5 text-xs text-slate-600">
          {actual || !current?.plan ? "This week so far" : "This week as planned"}
        </p>
        <ol className="mt-2 flex gap-1.5" aria-label="The four weeks before">
          {previous.map((week) => (
            <li key={week.weekStart} className="text-center">
              <MixStack
                compact
                proportions={week[measure]}
                bands={row.bands}
                label={`Week of ${formatDay(week.weekStart)}, ${measureWords}`}
                emptyText="too few runs"
              />
              <span className="mt-0.5 block text-[0.7rem] text-slate-600" aria-hidden="true">
                {formatDay(week.weekStart).split(" ").slice(1).join(" ")}
              </span>
            </li>
          ))}
        </ol>
      </td>
      <td className="px-3 py-3">
        <p>
          {minutesText(thisWeek.doneMin)}{" "}
          <span className="text-slate-600">
            {thisWeek.plannedMin > 0 ? `done of ${minutesText(thisWeek.plannedMin)}` : "done (no published plan)"}
          </span>
        </p>
        <p className="text-xs text-slate-600">
          {thisWeek.runs} run{thisWeek.runs === 1 ? "" : "s"}, {thisWeek.plannedSessions} planned this week
        </p>
        <p className="mt-2">
          {compliance.greenShare === null ? (
            <span className="text-slate-600">Nothing due yet</span>
          ) : (
            <>
              {pct(compliance.greenShare)} <span className="text-slate-600">on target</span>
            </>
          )}
        </p>
        {compliance.due > 0 && (
          <p className="text-xs text-slate-600">
            {compliance.green} of {compliance.due} sessions, {compliance.missed} missed (5 weeks)
          </p>
        )}
      </td>
      <td className="px-3 py-3">
        <FlagMessages flags={row.flags} limit={2} compact empty="No flags." />
        {row.flags.length > 2 && (
          <p className="mt-1 text-xs text-slate-600">and {row.flags.length - 2} more on the athlete&apos;s page</p>
        )}
      </td>
      <td className="px-3 py-3">{row.lastRunOn ? formatDay(row.lastRunOn) : "no runs yet"}</td>
    </tr>
  );
}
