"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { BackLink } from "~/components/back-link";
import { Button } from "~/components/button";
import { flagText, type FlagReader } from "~/components/flag-list";
import { addDays } from "~/domain/rules";
import { formatDay, type Units } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import type { CalendarUndo } from "~/server/services/calendar-edits";
import { kindTitle, weekRange } from "../../../_shared/format";
import { MixStack } from "../../../_shared/mix-stack";
import { planFlagsFor } from "../week/[weekStart]/week-preview";
import { CopyDialog, MoveDialog } from "./calendar-dialogs";
import {
  copyRange,
  daysBetween,
  seenVersions,
  type CalendarData,
  type CalendarSession,
  type CalendarWeek,
  type CopyScope,
  RANGE_CHOICES,
} from "./calendar-model";
import { CalendarSessionCard } from "./calendar-session-card";

type Toast = { message: string; undo: CalendarUndo | null };
type Dialog =
  { type: "move"; session: CalendarSession } | { type: "copy"; scope: CopyScope; from: string; to: string } | null;

/**
 * Several weeks of one athlete's plan, each with its live verdict. Sessions move by drag and drop or
 * with "Move…" (a dialog with a date); days, weeks and blocks copy with "Copy…". Every edit is saved at
 * once on the server, checked against the versions of the weeks on screen, and can be undone (the
 * toast's Undo, or Ctrl/Cmd+Z) by its inverse, checked the same way.
 */
export function CalendarBoard({
  orgSlug,
  athleteId,
  units,
  count,
  initial,
}: {
  orgSlug: string;
  athleteId: string;
  units: Units;
  count: number;
  initial: CalendarData;
}) {
  const [data, setData] = useState(initial);
  const [toast, setToast] = useState<Toast | null>(null);
  const [problem, setProblem] = useState<{ text: string; conflict: boolean } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropDate, setDropDate] = useState<string | null>(null);
  const server = useServerCall();
  const name = data.athlete.displayName;
  const base = `/o/${orgSlug}/athletes/${athleteId}`;
  const reader: FlagReader = { kind: "coach", athleteName: name };

  async function refresh() {
    const fresh = await server.call((trpc) =>
      trpc.planCalendar.weeks.query({ orgSlug, athleteId, from: data.first, count }),
    );
    setData(fresh);
    return fresh;
  }

  /** Runs an edit, then shows the calendar as saved; a refusal changes nothing and says why. */
  async function edit(
    run: (seen: ReturnType<typeof seenVersions>) => Promise<{ message: string; undo?: CalendarUndo }>,
    undoable: boolean,
    note = "",
  ) {
    setProblem(null);
    try {
      const result = await run(seenVersions(data));
      setToast({ message: result.message + note, undo: undoable ? (result.undo ?? null) : null });
    } catch (e) {
      setProblem({
        text: errorMessage(e),
        conflict: (e as { data?: { code?: string } }).data?.code === "CONFLICT",
      });
      return;
    }
    await refresh().catch((e: unknown) => setProblem({ text: errorMessage(e), conflict: false }));
  }

  /** Said after an edit that reaches published weeks (the athlete sees those at once). */
  const publishedNote = (from: string, to: string) =>
    data.weeks.some((w) => w.week?.status === "published" && w.weekEnd >= from && w.weekStart <= to)
      ? ` ${name} sees it now: the week is published.`
      : "";

  const move = (session: CalendarSession, toDate: string) =>
    edit(
      (seen) =>
        server.call((trpc) =>
          trpc.planCalendar.move.mutate({ orgSlug, athleteId, sessionId: session.id, toDate, seen }),
        ),
      true,
      publishedNote(toDate, toDate),
    );

  const copy = (c: { scope: CopyScope; from: string; weeks: number; to: string }) =>
    edit(
      (seen) =>
        server.call((trpc) =>
          trpc.planCalendar.copy.mutate({
            orgSlug,
            athleteId,
            ...copyRange(c.scope, c.from, c.weeks),
            targetFrom: c.to,
            seen,
          }),
        ),
      true,
      (() => {
        const range = copyRange(c.scope, c.from, c.weeks);
        return publishedNote(c.to, addDays(c.to, daysBetween(range.sourceFrom, range.sourceTo)));
      })(),
    );

  function undo() {
    const last = toast?.undo;
    if (!last || server.pending) return;
    void edit(
      (seen) =>
        server
          .call((trpc) =>
            last.type === "move"
              ? trpc.planCalendar.move.mutate({
                  orgSlug,
                  athleteId,
                  sessionId: last.sessionId,
                  toDate: last.toDate,
                  seen,
                })
              : trpc.planCalendar.remove.mutate({ orgSlug, athleteId, sessionIds: last.sessionIds, seen }),
          )
          .then((r) => ({ message: `Undone. ${r.message}` })),
      false,
    );
  }

  // Ctrl/Cmd+Z undoes the last edit, unless the coach is typing in a field (where it undoes typing).
  const undoRef = useRef(undo);
  useEffect(() => {
    undoRef.current = undo;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable]")) return;
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "z") {
        event.preventDefault();
        undoRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const allSessions = data.weeks.flatMap((w) => w.sessions);
  const dayLabel = (date: string) => formatDay(date);
  const first = data.first;
  const rangeHref = (from: string, weeks = count) => `${base}/calendar?from=${from}&weeks=${weeks}`;

  return (
    <div className="space-y-4" onPointerDown={preloadTrpc} onFocus={preloadTrpc}>
      <header>
        <BackLink href={base}>{name}</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          Calendar <span className="text-slate-600">· {name}</span>
        </h1>
        <p className="mt-1 max-w-prose text-sm text-slate-700">
          Drag a session to another day, or use its “Move…” button. Changes are saved at once and keep each week’s
          status: in a published week {name} sees them straight away; a week planned here for the first time starts as a
          draft.
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <nav aria-label="Other weeks" className="flex flex-wrap gap-x-3">
            <Link
              href={rangeHref(addDays(first, -7 * count))}
              className="py-2 text-blue-800 underline underline-offset-2"
            >
              ← Earlier weeks
            </Link>
            <Link href={`${base}/calendar?weeks=${count}`} className="py-2 text-blue-800 underline underline-offset-2">
              From last week
            </Link>
            <Link
              href={rangeHref(addDays(first, 7 * count))}
              className="py-2 text-blue-800 underline underline-offset-2"
            >
              Later weeks →
            </Link>
          </nav>
          <nav aria-label="How many weeks" className="flex gap-x-2">
            {RANGE_CHOICES.map((n) => (
              <Link
                key={n}
                href={rangeHref(first, n)}
                aria-current={n === count ? "page" : undefined}
                className={`py-2 underline-offset-2 ${n === count ? "font-semibold text-slate-900" : "text-blue-800 underline"}`}
              >
                {n} weeks
              </Link>
            ))}
          </nav>
          <Button
            type="button"
            variant="secondary"
            disabled={server.pending}
            onClick={() => setDialog({ type: "copy", scope: "week", from: first, to: addDays(first, 7 * count) })}
          >
            Copy…
          </Button>
        </div>
      </header>

      <div role="alert" className="min-h-5 text-sm text-red-700">
        {problem?.text}
        {problem?.conflict && (
          <Button
            type="button"
            variant="secondary"
            className="ml-2"
            disabled={server.pending}
            onClick={() =>
              void refresh().then(
                () => {
                  setProblem(null);
                  setToast({ message: "Reloaded: you now see the plan as saved.", undo: null });
                },
                (e: unknown) => setProblem({ text: errorMessage(e), conflict: true }),
              )
            }
          >
            Reload the calendar
          </Button>
        )}
      </div>

      <ol className="space-y-4" aria-label="Weeks">
        {data.weeks.map((week) => (
          <WeekRow
            key={week.weekStart}
            week={week}
            today={data.today}
            builderHref={`${base}/week/${week.weekStart}`}
            bands={data.settings.bands}
            minRunsForMix={data.settings.minRunsForMix}
            verdict={verdictText(week, reader)}
            disabled={server.pending}
            dropDate={dropDate}
            onDragOverDay={(date) => setDropDate(date)}
            onDropOnDay={(date) => {
              const session = allSessions.find((s) => s.id === dragging);
              setDragging(null);
              setDropDate(null);
              if (session && session.date !== date) void move(session, date);
            }}
            onCopyWeek={() =>
              setDialog({ type: "copy", scope: "week", from: week.weekStart, to: addDays(week.weekStart, 28) })
            }
            renderSession={(session) => (
              <CalendarSessionCard
                key={session.id}
                session={session}
                units={units}
                dayLabel={dayLabel(session.date)}
                details={session.steps && <p className="mt-1 text-xs break-words text-slate-700">{session.steps}</p>}
                disabled={server.pending}
                onDragStart={() => setDragging(session.id)}
                onDragEnd={() => {
                  setDragging(null);
                  setDropDate(null);
                }}
                onMove={() => setDialog({ type: "move", session })}
              />
            )}
          />
        ))}
      </ol>

      <div
        role="status"
        className={`sticky bottom-20 z-[5] mx-auto flex w-fit max-w-full flex-wrap items-center gap-3 rounded-lg px-4 py-2 text-sm sm:bottom-4 ${toast ? "bg-slate-900 text-white shadow-lg" : ""}`}
      >
        {toast?.message}
        {toast?.undo && (
          <button
            type="button"
            onClick={undo}
            disabled={server.pending}
            aria-keyshortcuts="Control+Z Meta+Z"
            className="min-h-9 rounded-md border border-white/60 px-3 font-medium hover:bg-white/10"
          >
            Undo
          </button>
        )}
      </div>

      {dialog?.type === "move" && (
        <MoveDialog
          sessionName={`${kindTitle(dialog.session.kind).toLowerCase()} on ${dayLabel(dialog.session.date)}`}
          date={dialog.session.date}
          onMove={(toDate) => void move(dialog.session, toDate)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.type === "copy" && (
        <CopyDialog initial={dialog} onCopy={(c) => void copy(c)} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

/** The week's verdict in words: the planned mix is drawn beside it. */
function verdictText(week: CalendarWeek, reader: FlagReader & { kind: "coach" }): string {
  if (week.sessions.length === 0) return "Nothing planned";
  const flags = planFlagsFor(reader, week.evaluation);
  if (flags.length === 0) return "No flags on this plan";
  return `${flags.length} flag${flags.length === 1 ? "" : "s"}: ${flagText(reader, flags[0]!)}`;
}

function WeekRow({
  week,
  today,
  builderHref,
  bands,
  minRunsForMix,
  verdict,
  disabled,
  dropDate,
  onDragOverDay,
  onDropOnDay,
  onCopyWeek,
  renderSession,
}: {
  week: CalendarWeek;
  today: string;
  builderHref: string;
  bands: CalendarData["settings"]["bands"];
  minRunsForMix: number;
  verdict: string;
  disabled: boolean;
  dropDate: string | null;
  onDragOverDay: (date: string) => void;
  onDropOnDay: (date: string) => void;
  onCopyWeek: () => void;
  renderSession: (session: CalendarSession) => React.ReactNode;
}) {
  const headingId = `week-${week.weekStart}`;
  const status = week.week === null ? "Not planned" : week.week.status === "published" ? "Published" : "Draft";
  return (
    <li aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-48">
          <h2 id={headingId} className="font-semibold">
            Week of {weekRange(week.weekStart)}
          </h2>
          {/* A week's label (a training phase, a race) goes here once phases exist. */}
          <p className="text-xs text-slate-700">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium">{status}</span>{" "}
            <Link href={builderHref} className="text-blue-800 underline underline-offset-2">
              Open in week builder<span className="sr-only"> (week of {weekRange(week.weekStart)})</span>
            </Link>
          </p>
        </div>
        <div className="w-full sm:w-56">
          <MixStack
            proportions={week.evaluation.plan?.proportions ?? null}
            bands={bands}
            label={`Planned mix, week of ${weekRange(week.weekStart)}`}
            caption="Planned mix"
            legend={false}
            emptyText={`needs ${minRunsForMix} sessions to judge`}
          />
        </div>
        <p className="min-w-0 flex-1 text-sm">
          <span className="sr-only">Live check, week of {weekRange(week.weekStart)}: </span>
          <span>{verdict}</span>
        </p>
        <Button type="button" variant="secondary" disabled={disabled} onClick={onCopyWeek}>
          Copy week…<span className="sr-only"> of {weekRange(week.weekStart)}</span>
        </Button>
      </div>
      <ol className="mt-2 grid gap-2 sm:grid-cols-7">
        {[0, 1, 2, 3, 4, 5, 6].map((offset) => {
          const date = addDays(week.weekStart, offset);
          const sessions = week.sessions.filter((s) => s.date === date);
          const runs = week.runs.filter((r) => r.localDate === date);
          const label = formatDay(date);
          return (
            <li
              key={date}
              data-date={date}
              aria-label={`${label}${date === today ? " (today)" : ""}`}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
                if (dropDate !== date) onDragOverDay(date);
              }}
              onDrop={(event) => {
                event.preventDefault();
                onDropOnDay(date);
              }}
              className={`flex min-h-24 flex-col rounded-md border p-1.5 ${dropDate === date ? "border-blue-600 bg-blue-50" : date === today ? "border-blue-600" : "border-slate-200"}`}
            >
              <h3 className="text-xs font-semibold text-slate-800" aria-hidden="true">
                {label}
                {date === today && <span className="ml-1 font-normal text-blue-800">today</span>}
              </h3>
              <ul className="mt-1 space-y-1" aria-label={`Planned on ${label}`}>
                {sessions.map(renderSession)}
              </ul>
              {runs.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-xs text-slate-700" aria-label={`Runs on ${label}`}>
                  {runs.map((r) => (
                    <li key={r.id}>
                      <span aria-hidden="true">✓ </span>Ran: {kindTitle(r.kind)} {Math.round(r.durationS / 60)} min
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </li>
  );
}
