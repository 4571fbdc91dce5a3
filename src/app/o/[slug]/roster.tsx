"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type MouseEvent } from "react";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import {
  byUrgency,
  needsPlan,
  URGENCY_LABELS,
  type PlanStatus,
  type RosterLine,
  type Urgency,
} from "~/domain/training/roster-line";
import { formatDay, type Units } from "~/lib/format";
import { distanceText, minutesText } from "./_shared/format";

type SortKey = "attention" | "name" | "volume" | "lastRun";
type Show = "all" | "warned" | "plan" | "ok";

const SORTS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: "attention", label: "Most urgent first" },
  { value: "name", label: "Name" },
  { value: "volume", label: "Done vs planned, lowest first" },
  { value: "lastRun", label: "Last run, longest ago first" },
];

const sortable = (l: RosterLine) => ({ urgency: l.urgency, attention: l.attention, displayName: l.name });
const byLine = (a: RosterLine, b: RosterLine) => byUrgency(sortable(a), sortable(b));
const doneShare = (l: RosterLine) => (l.plannedMin > 0 ? l.doneMin / l.plannedMin : Infinity);

const COMPARE: Record<SortKey, (a: RosterLine, b: RosterLine) => number> = {
  attention: byLine,
  name: (a, b) => a.name.localeCompare(b.name),
  volume: (a, b) => doneShare(a) - doneShare(b) || byLine(a, b),
  lastRun: (a, b) => (a.lastRun ?? "").localeCompare(b.lastRun ?? "") || byLine(a, b),
};

const warns = (u: Urgency) => u === "urgent" || u === "attention" || u === "watch";

const SHOW: Record<Show, (l: RosterLine) => boolean> = {
  all: () => true,
  warned: (l) => warns(l.urgency),
  plan: (l) => needsPlan(l.next),
  ok: (l) => l.urgency === "ok",
};

/** The badge's colours; the word says the same, so colour is never the only cue. */
const URGENCY_STYLE: Record<Urgency, string> = {
  urgent: "bg-red-700 text-white",
  attention: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
  watch: "bg-yellow-50 text-yellow-900 ring-1 ring-yellow-600 dark:bg-transparent dark:text-yellow-200",
  plan: "bg-sky-50 text-sky-900 ring-1 ring-sky-600 dark:bg-transparent dark:text-sky-200",
  ok: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100",
};

const PLAN_WORDS: Record<PlanStatus, string> = { none: "None", draft: "Draft", published: "Published" };

/**
 * The coach's athletes, one compact line each: urgency, name, one or two tags, this week's totals,
 * next week's plan and the last run. Found, filtered and sorted in the browser from the lines the
 * server sent (only what is shown: a roster of 200 stays light). Dark variants only inside the
 * roster's own boxes, which set their own dark background; text on the page's background follows
 * the page's theme.
 */
export function Roster({
  orgSlug,
  canInvite,
  showCoaches,
  units,
  lines,
}: {
  orgSlug: string;
  canInvite: boolean;
  showCoaches: boolean;
  units: Units;
  lines: RosterLine[];
}) {
  const [query, setQuery] = useState("");
  const [show, setShow] = useState<Show>("all");
  const [sort, setSort] = useState<SortKey>("attention");
  const router = useRouter();
  // Athlete links are plain anchors (a next/link per row costs more to render than the rest of the
  // row, and would prefetch every athlete's page); a plain click still navigates inside the app.
  const navigate = (event: MouseEvent<HTMLTableSectionElement>) => {
    const link = (event.target as HTMLElement).closest("a");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.push(link.getAttribute("href")!);
  };

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return lines.filter((l) => (!q || l.name.toLowerCase().includes(q)) && SHOW[show](l)).sort(COMPARE[sort]);
  }, [lines, query, show, sort]);
  const warned = lines.filter((l) => warns(l.urgency)).length;
  const unplanned = lines.filter((l) => needsPlan(l.next)).length;

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
            {showCoaches ? "Club training settings" : "Club defaults"}
          </Link>
        </nav>
      </div>

      {lines.length === 0 ? (
        <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-700 dark:bg-slate-900">
          <p className="text-slate-700 dark:text-slate-200">
            {canInvite
              ? "No athletes yet. Invite them by email: they appear here once they join."
              : "No athletes yet. Athletes appear here once the club's owner assigns them to you."}
          </p>
          {canInvite && (
            <Link
              href={`/o/${orgSlug}/members`}
              className="mt-4 inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800"
            >
              Invite athletes
            </Link>
          )}
        </div>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600" role="status">
            {`${lines.length} athlete${lines.length === 1 ? "" : "s"}: ${warned} with warnings, ${unplanned} without a published plan for next week. Judged on this week and last week's published plans.`}
          </p>
          <div className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-3">
            <TextField
              label="Find an athlete"
              type="search"
              className="col-span-2 lg:col-span-1"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
            <SelectField
              label="Show"
              value={show}
              onChange={(e) => setShow(e.target.value as Show)}
              options={[
                { value: "all", label: "All athletes" },
                { value: "warned", label: "With warnings" },
                { value: "plan", label: "Needs a plan" },
                { value: "ok", label: "On track" },
              ]}
            />
            <SelectField
              label="Sort by"
              value={sort}
              onChange={(e) => setSort(e.target.value as SortKey)}
              options={SORTS}
            />
          </div>
          <div className="mt-3 rounded-lg border border-slate-200 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
            <table className="w-full table-fixed text-left text-sm">
              <caption className="sr-only">
                Athletes you coach, {SORTS.find((s) => s.value === sort)?.label.toLowerCase()}
              </caption>
              <thead className="bg-slate-50 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                <tr>
                  <th scope="col" className="px-2 py-2 font-medium sm:px-3">
                    Athlete
                  </th>
                  <th scope="col" className="w-28 px-2 py-2 font-medium sm:w-56 sm:px-3 lg:w-80">
                    This week
                  </th>
                  <th scope="col" className="w-20 px-2 py-2 font-medium sm:w-24 sm:px-3">
                    Next week
                  </th>
                  <th scope="col" className="hidden w-28 px-3 py-2 font-medium sm:table-cell">
                    Last run
                  </th>
                </tr>
              </thead>
              <tbody onClick={navigate}>
                {visible.map((line) => (
                  <Line key={line.id} line={line} orgSlug={orgSlug} units={units} showCoaches={showCoaches} />
                ))}
              </tbody>
            </table>
            {visible.length === 0 && <p className="p-4 text-slate-600 dark:text-slate-300">No athlete matches.</p>}
          </div>
        </>
      )}
    </section>
  );
}

/** formatDay builds a date formatter per call: athletes share a handful of last-run days, so each is formatted once. */
const DAYS = new Map<string, string>();
function dayText(date: string): string {
  let text = DAYS.get(date);
  if (text === undefined) DAYS.set(date, (text = formatDay(date)));
  return text;
}

/** "1 h 05 min of 3 h 10 min · 12.4 km · 3 runs": what was done this week, against the published plan. */
function weekText(line: RosterLine, units: Units): string {
  const time =
    line.plannedMin > 0 ? `${minutesText(line.doneMin)} of ${minutesText(line.plannedMin)}` : minutesText(line.doneMin);
  const distance = line.doneM > 0 ? ` · ${distanceText(line.doneM, units)}` : "";
  return `${time}${distance} · ${line.runs} run${line.runs === 1 ? "" : "s"}`;
}

function Line({
  line,
  orgSlug,
  units,
  showCoaches,
}: {
  line: RosterLine;
  orgSlug: string;
  units: Units;
  showCoaches: boolean;
}) {
  // Class strings kept short: this row is repeated for every athlete.
  return (
    <tr className="border-t border-slate-100 dark:border-slate-800">
      <td className="px-2 py-1.5 sm:px-3">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className={`rounded px-1.5 text-xs font-medium ${URGENCY_STYLE[line.urgency]}`}>
            {URGENCY_LABELS[line.urgency]}
          </span>
          <a href={`/o/${orgSlug}/athletes/${line.id}`} className="font-medium text-blue-800 dark:text-blue-300">
            {line.name}
          </a>
          {line.race && (
            <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-950 dark:bg-amber-900 dark:text-amber-50">
              {line.race}
            </span>
          )}
          {line.tags.map((tag) => (
            <span key={tag} className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
              {tag}
            </span>
          ))}
          {line.notes.map((note) => (
            <span key={note} className="rounded border border-slate-300 px-1.5 text-xs">
              {note}
            </span>
          ))}
          {showCoaches && (
            <span className="text-xs text-slate-600 dark:text-slate-300">
              {line.coaches?.length ? `Coach: ${line.coaches.join(", ")}` : "No coach yet"}
            </span>
          )}
        </div>
      </td>
      <td className="px-2 py-1.5 text-xs sm:px-3 sm:text-sm">{weekText(line, units)}</td>
      <td className={`px-2 py-1.5 text-xs sm:px-3 sm:text-sm${line.next === "published" ? "" : " font-medium"}`}>
        {PLAN_WORDS[line.next]}
      </td>
      <td className="hidden px-3 py-1.5 sm:table-cell">{line.lastRun ? dayText(line.lastRun) : "no runs yet"}</td>
    </tr>
  );
}
