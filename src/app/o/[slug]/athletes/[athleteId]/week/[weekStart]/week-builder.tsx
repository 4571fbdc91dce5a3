"use client";

import Link from "next/link";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Button } from "~/components/button";
import { addDays, isQualityKind, rpeWords, type TrainingPaces, type WeekEvaluation } from "~/domain/rules";
import {
  copyWeek,
  draftsFromStored,
  plannedMinutes,
  removeSession,
  sessionsToSave,
  shiftSession,
  updateSession,
  type SessionDraft,
} from "~/domain/training/week-plan";
import { excusedByDate, excusedPlanWarning, excusedText } from "~/domain/training/excused-days";
import { formatDay, type Units } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import { amountText, kindTitle, WEEKDAY_NAMES, weekRange } from "../../../../_shared/format";
import type { RouterOutputs } from "../../../../_shared/types";
import { newKey } from "./new-key";
import { amountProblem, KIND_DEFAULTS } from "./session-defaults";
import { TemplateTools, type Template } from "./template-tools";
import { LiveSummaryBar } from "./live-summary-bar";
import { isPlanFlag, liveSummary, WeekPreview } from "./week-preview";
import { BackLink } from "~/components/back-link";
import { WorkoutSteps } from "../../../../_shared/workout-steps";

/*
 * What only editing needs loads from the coach's first touch (focus, pointer, or a first change),
 * not with the page: the session editor, the live check (the rules engine; the server computed the
 * first verdict) and the tRPC client that saves.
 */
const loadEditor = () => import("./session-editor");
const SessionEditor = lazy(() => loadEditor().then((m) => ({ default: m.SessionEditor })));
type LiveCheck = typeof import("./live-check");
const loadLiveCheck = (): Promise<LiveCheck> => import("./live-check");

const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * The week builder: seven days from the athlete's week start, sessions added, edited, moved and
 * deleted, the rules engine's verdict recomputed on every change, then saved as a draft or published.
 * `check` is the server's verdict on the week as stored, shown until the browser's engine has loaded.
 * Edits stay local until saved; the page rendering again never overwrites them (only "Reload" does).
 * It starts from the server's data; saving and reloading go through the on-demand tRPC client.
 */
export function WeekBuilder({
  orgSlug,
  athleteId,
  weekStart,
  units,
  week,
  check,
  templates,
  comments,
}: {
  orgSlug: string;
  athleteId: string;
  weekStart: string;
  units: Units;
  week: RouterOutputs["weeks"]["get"];
  check: WeekEvaluation;
  /** Streamed: the templates list renders when it arrives. */
  templates: Promise<Template[]>;
  /** The comments panel, a server component. */
  comments: React.ReactNode;
}) {
  const [initial] = useState(() => ({ data: week, drafts: draftsFromStored(week.weekStart, week.sessions), check }));
  const [data, setData] = useState(initial.data);
  const [saved, setSaved] = useState(() => ({
    version: data.week?.version ?? null,
    status: data.week?.status ?? null,
  }));
  const [drafts, setDrafts] = useState<SessionDraft[]>(initial.drafts);
  const [liveCheck, setLiveCheck] = useState<LiveCheck | null>(null);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [problem, setProblem] = useState<{ text: string; conflict: boolean } | null>(null);

  function startEditing() {
    if (!liveCheck) loadLiveCheck().then(setLiveCheck, () => {});
    loadEditor().catch(() => {});
    preloadTrpc();
  }

  const change = (next: SessionDraft[], message?: string) => {
    startEditing();
    setDrafts(next);
    setDirty(true);
    if (message) setNotice(message);
  };
  const replaceAll = (next: SessionDraft[], message: string) => {
    setEditing(null);
    change(next, message);
  };

  // null for the moment between a first change and the engine's arrival.
  const evaluation = useMemo(
    () =>
      liveCheck
        ? liveCheck.checkPlan(data, drafts)
        : data === initial.data && drafts === initial.drafts
          ? initial.check
          : null,
    [liveCheck, data, drafts, initial],
  );
  const summary = evaluation ? liveSummary(evaluation, data.athlete.displayName) : "Live check: checking the plan…";

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const save = useServerCall();

  function submit(status: "draft" | "published") {
    const incomplete = drafts.find((d) => amountProblem(d));
    if (incomplete) {
      setProblem({
        text: `${kindTitle(incomplete.kind)} on ${dayName(incomplete.day)}: ${amountProblem(incomplete)}`,
        conflict: false,
      });
      setEditing(incomplete.key);
      return;
    }
    save
      .call((trpc) =>
        trpc.weeks.save.mutate({
          orgSlug,
          athleteId,
          weekStart: data.weekStart,
          version: saved.version,
          status,
          sessions: sessionsToSave(drafts),
        }),
      )
      .then(
        (result) => {
          setSaved({ version: result.week.version, status: result.week.status });
          setDrafts(draftsFromStored(data.weekStart, result.sessions));
          setDirty(false);
          setEditing(null);
          setProblem(null);
          setNotice(
            result.week.status === "published"
              ? `Published to ${data.athlete.displayName}.`
              : "Saved as a draft. The athlete does not see it yet.",
          );
        },
        (e: unknown) =>
          setProblem({
            text: errorMessage(e),
            conflict: (e as { data?: { code?: string } }).data?.code === "CONFLICT",
          }),
      );
  }

  async function reload() {
    startEditing();
    const fresh = await save.call((trpc) => trpc.weeks.get.query({ orgSlug, athleteId, weekStart }));
    setData(fresh);
    setSaved({ version: fresh.week?.version ?? null, status: fresh.week?.status ?? null });
    setDrafts(draftsFromStored(fresh.weekStart, fresh.sessions));
    setDirty(false);
    setEditing(null);
    setProblem(null);
    setNotice("Reloaded: you now see the week as saved.");
  }

  const firstDay = data.athlete.weekStartDay;
  const dayName = (offset: number) =>
    `${WEEKDAY_NAMES[(firstDay + offset) % 7]} ${formatDay(addDays(data.weekStart, offset)).split(" ").slice(1).join(" ")}`;
  const dayOptions = [0, 1, 2, 3, 4, 5, 6].map((o) => ({ value: String(o), label: dayName(o) }));
  const editingDraft = drafts.find((d) => d.key === editing) ?? null;
  // A planned session's own flags (a recovery run planned too long, say), shown on its card.
  const flagsByKey = new Map<string, string[]>();
  for (const f of evaluation?.flags ?? []) {
    if (!isPlanFlag(f) || !f.plannedId) continue;
    flagsByKey.set(f.plannedId, [...(flagsByKey.get(f.plannedId) ?? []), f.coachMessage]);
  }
  // A session planned on a day the athlete marked as excused: the coach's warning, on its card.
  const excusedOn = excusedByDate(data.excused);
  for (const draft of drafts) {
    const excused = excusedOn.get(addDays(data.weekStart, draft.day));
    if (excused)
      flagsByKey.set(draft.key, [
        ...(flagsByKey.get(draft.key) ?? []),
        excusedPlanWarning(data.athlete.displayName, excused.reason),
      ]);
  }

  function addOn(day: number) {
    const draft: SessionDraft = {
      key: newKey(),
      day,
      kind: "aerobic",
      ...KIND_DEFAULTS.aerobic,
      distanceM: null,
      description: "",
    };
    change([...drafts, draft], `Added an aerobic run on ${dayName(day)}.`);
    setEditing(draft.key);
  }

  function move(draft: SessionDraft, by: -1 | 1) {
    change(
      shiftSession(drafts, draft.key, by),
      `Moved the ${kindTitle(draft.kind).toLowerCase()} to ${dayName(draft.day + by)}.`,
    );
    const edge = draft.day + by === (by === 1 ? 6 : 0);
    focusSoon(edge ? `edit-${draft.key}` : `move-${by === 1 ? "later" : "earlier"}-${draft.key}`);
  }

  function remove(draft: SessionDraft) {
    if (editing === draft.key) setEditing(null);
    change(
      removeSession(drafts, draft.key),
      `Deleted the ${kindTitle(draft.kind).toLowerCase()} on ${dayName(draft.day)}.`,
    );
    focusSoon(`add-${draft.day}`);
  }

  const statusText =
    saved.status === null
      ? "Not saved yet"
      : `${saved.status === "published" ? "Published" : "Draft"} · version ${saved.version}`;
  const base = `/o/${orgSlug}/athletes/${athleteId}`;

  return (
    // Scroll margins keep what gets focus clear of the sticky summary.
    <div className="space-y-6 **:scroll-mt-52" onFocus={startEditing} onPointerDown={startEditing}>
      <header>
        <BackLink href={base}>{data.athlete.displayName}</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          Week of {weekRange(data.weekStart)} <span className="text-slate-600">· {data.athlete.displayName}</span>
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
          <span className="rounded bg-slate-100 px-2 py-1 font-medium" data-testid="week-status">
            {statusText}
          </span>
          {dirty && <span className="rounded bg-amber-100 px-2 py-1 font-medium text-amber-950">Unsaved changes</span>}
          <nav aria-label="Other weeks" className="flex gap-3">
            <Link
              href={`${base}/week/${addDays(data.weekStart, -7)}`}
              className="py-2 text-blue-800 underline underline-offset-2"
            >
              ← Previous week
            </Link>
            <Link
              href={`${base}/week/${addDays(data.weekStart, 7)}`}
              className="py-2 text-blue-800 underline underline-offset-2"
            >
              Next week →
            </Link>
            <Link
              href={`${base}/calendar?from=${addDays(data.weekStart, -7)}`}
              className="py-2 text-blue-800 underline underline-offset-2"
            >
              Calendar
            </Link>
          </nav>
        </div>
        {data.races.length > 0 && (
          <ul className="mt-2 space-y-1 text-sm" aria-label="Races this week">
            {data.races.map((race) => (
              <li key={race.id} className="rounded bg-amber-50 px-2 py-1 ring-1 ring-amber-300">
                <span className="font-medium">
                  {race.priority} race: {race.name}
                </span>{" "}
                on {formatDay(race.date)}
              </li>
            ))}
          </ul>
        )}
        <p className="sr-only" aria-live="polite">
          {summary}
        </p>
      </header>

      <LiveSummaryBar
        evaluation={evaluation}
        bands={data.settings.bands}
        athleteName={data.athlete.displayName}
        minRunsForMix={data.settings.minRunsForMix}
      />

      <section aria-labelledby="tools-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="tools-heading" className="text-lg font-semibold">
          Start from
        </h2>
        <div className="mt-2 flex flex-wrap items-end gap-3">
          <Button
            type="button"
            variant="secondary"
            disabled={data.previousSessions.length === 0}
            onClick={() =>
              replaceAll(
                copyWeek(data.previousWeekStart, data.previousSessions, newKey),
                `Copied ${data.previousSessions.length} sessions from last week. Nothing is saved yet.`,
              )
            }
          >
            Copy last week{data.previousSessions.length === 0 ? " (empty)" : ""}
          </Button>
          <Suspense fallback={<p className="text-sm">Loading templates…</p>}>
            <TemplateTools
              orgSlug={orgSlug}
              templates={templates}
              drafts={drafts}
              onUse={(next, name) =>
                replaceAll(next, `Loaded the template “${name}”: ${next.length} sessions. Nothing is saved yet.`)
              }
            />
          </Suspense>
        </div>
        <p className="mt-2 min-h-5 text-sm text-slate-700" role="status">
          {notice}
        </p>
      </section>

      <section aria-labelledby="days-heading">
        <h2 id="days-heading" className="sr-only">
          Days
        </h2>
        <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
          {[0, 1, 2, 3, 4, 5, 6].map((day) => {
            const date = addDays(data.weekStart, day);
            const sessions = drafts.filter((d) => d.day === day);
            const runs = data.runs.filter((r) => r.localDate === date);
            return (
              <li
                key={day}
                className={`flex flex-col rounded-lg border bg-white p-2 ${date === data.today ? "border-blue-600" : "border-slate-200"}`}
              >
                <h3 id={`day-${day}`} className="text-sm font-semibold">
                  {dayName(day)}
                  {date === data.today && <span className="ml-1 text-xs font-normal text-blue-800">(today)</span>}
                </h3>
                {excusedOn.has(date) && (
                  <p className="mt-1 w-fit rounded border border-slate-400 bg-slate-50 px-1.5 text-xs text-slate-700">
                    {excusedText(excusedOn.get(date)!.reason)}
                    {excusedOn.get(date)!.note ? ` · ${excusedOn.get(date)!.note}` : ""}
                  </p>
                )}
                <ul className="mt-2 flex-1 space-y-2" aria-label={`Sessions on ${dayName(day)}`}>
                  {sessions.map((draft) => (
                    <SessionCard
                      key={draft.key}
                      draft={draft}
                      dayName={dayName}
                      units={units}
                      paces={data.athlete.paces}
                      flags={flagsByKey.get(draft.key) ?? []}
                      editing={editing === draft.key}
                      rpeText={
                        draft.targetRpe === null
                          ? null
                          : `RPE ${draft.targetRpe} · ${rpeWords(draft.targetRpe, data.settings.effortBands)}`
                      }
                      onEdit={() => setEditing(draft.key)}
                      onMove={(by) => move(draft, by)}
                      onDelete={() => remove(draft)}
                    />
                  ))}
                </ul>
                {runs.length > 0 && (
                  <ul
                    className="mt-2 space-y-1 border-t border-slate-100 pt-2 text-xs text-slate-700"
                    aria-label={`Runs on ${dayName(day)}`}
                  >
                    {runs.map((r) => (
                      <li key={r.id}>
                        <span aria-hidden="true">✓ </span>Ran: {kindTitle(r.kind)} {Math.round(r.durationS / 60)} min,
                        RPE {r.rpe}
                      </li>
                    ))}
                  </ul>
                )}
                <button
                  type="button"
                  id={`add-${day}`}
                  onClick={() => addOn(day)}
                  aria-label={`Add a session on ${dayName(day)}`}
                  className="mt-2 min-h-11 rounded-md border border-dashed border-slate-400 text-sm text-slate-700 hover:bg-slate-50"
                >
                  + Add session
                </button>
              </li>
            );
          })}
        </ol>
      </section>

      {editingDraft && (
        <Suspense
          fallback={
            <p className="text-sm text-slate-600" role="status">
              Opening the editor…
            </p>
          }
        >
          <SessionEditor
            key={editingDraft.key}
            draft={editingDraft}
            dayOptions={dayOptions}
            units={units}
            effortBands={data.settings.effortBands}
            liveSummary={summary}
            paces={data.athlete.paces}
            athleteName={data.athlete.displayName}
            onChange={(c) => change(updateSession(drafts, editingDraft.key, c))}
            onDelete={() => remove(editingDraft)}
            onClose={() => {
              setEditing(null);
              focusSoon(`edit-${editingDraft.key}`);
            }}
          />
        </Suspense>
      )}

      <WeekPreview
        evaluation={evaluation}
        settings={data.settings}
        phaseName={data.phaseName}
        plannedMin={plannedMinutes(drafts)}
        qualityCount={drafts.filter((d) => isQualityKind(d.kind)).length}
        athleteName={data.athlete.displayName}
      />

      <section aria-labelledby="save-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="save-heading" className="text-lg font-semibold">
          Save
        </h2>
        <p className="text-sm text-slate-600">
          {saved.status === "published"
            ? `${data.athlete.displayName} sees this week. Saving keeps it published; saving as a draft hides it until you publish again.`
            : `${data.athlete.displayName} sees the week once you publish it.`}
        </p>
        <div role="alert" className="mt-2 min-h-5 text-sm text-red-700">
          {problem?.text}
        </div>
        {problem?.conflict && (
          <Button
            type="button"
            variant="secondary"
            className="mt-2"
            disabled={save.pending}
            onClick={() => void reload().catch((e: unknown) => setProblem({ text: errorMessage(e), conflict: true }))}
          >
            Reload the week (discards your changes)
          </Button>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          <Button type="button" variant="secondary" disabled={save.pending} onClick={() => submit("draft")}>
            {saved.status === "published" ? "Unpublish and save as draft" : "Save draft"}
          </Button>
          <Button type="button" disabled={save.pending} onClick={() => submit("published")}>
            {saved.status === "published" ? "Save and keep published" : "Publish to athlete"}
          </Button>
        </div>
      </section>

      {comments}
    </div>
  );
}

function SessionCard({
  draft,
  dayName,
  units,
  paces,
  flags,
  editing,
  rpeText,
  onEdit,
  onMove,
  onDelete,
}: {
  draft: SessionDraft;
  dayName: (offset: number) => string;
  units: Units;
  paces: TrainingPaces | null;
  /** What the live check says about this session, for the coach. */
  flags: readonly string[];
  editing: boolean;
  rpeText: string | null;
  onEdit: () => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}) {
  const name = `${kindTitle(draft.kind).toLowerCase()} on ${dayName(draft.day)}`;
  const flagged = flags.length > 0;
  const iconButton =
    "inline-flex size-9 items-center justify-center rounded-md border border-slate-300 bg-white text-sm hover:bg-slate-100 disabled:text-slate-400";
  return (
    <li
      className={`rounded-md border p-2 text-sm ${editing ? "border-blue-700 bg-blue-50" : flagged ? "border-amber-600 bg-amber-50" : "border-slate-200 bg-slate-50"}`}
    >
      <p className="font-medium">{kindTitle(draft.kind)}</p>
      <p className="text-slate-700">
        {amountText({ ...draft, distanceM: Number.isFinite(draft.distanceM) ? draft.distanceM : null }, units) ||
          "no amount yet"}
      </p>
      {rpeText && <p className="text-xs text-slate-700">{rpeText}</p>}
      {draft.structure && (
        <WorkoutSteps
          structure={draft.structure}
          paces={paces}
          units={units}
          label={`Steps of the ${name}`}
          className="mt-1"
        />
      )}
      {draft.description && <p className="mt-1 text-xs break-words text-slate-700">{draft.description}</p>}
      {flags.map((text) => (
        <p key={text} className="mt-1 text-xs font-medium text-amber-950">
          <span aria-hidden="true">⚠ </span>
          <span className="sr-only">Warning: </span>
          {text}
        </p>
      ))}
      <div className="mt-2 flex flex-wrap gap-1">
        <button
          type="button"
          id={`edit-${draft.key}`}
          onClick={onEdit}
          className="inline-flex min-h-9 items-center rounded-md border border-slate-300 bg-white px-2 text-xs font-medium hover:bg-slate-100"
          aria-label={`Edit ${name}`}
        >
          Edit
        </button>
        <button
          type="button"
          id={`move-earlier-${draft.key}`}
          onClick={() => onMove(-1)}
          disabled={draft.day === 0}
          className={iconButton}
          aria-label={
            draft.day === 0 ? `Move ${name} earlier (first day)` : `Move ${name} to ${dayName(draft.day - 1)}`
          }
        >
          <span aria-hidden="true">←</span>
        </button>
        <button
          type="button"
          id={`move-later-${draft.key}`}
          onClick={() => onMove(1)}
          disabled={draft.day === 6}
          className={iconButton}
          aria-label={draft.day === 6 ? `Move ${name} later (last day)` : `Move ${name} to ${dayName(draft.day + 1)}`}
        >
          <span aria-hidden="true">→</span>
        </button>
        <button type="button" onClick={onDelete} className={iconButton} aria-label={`Delete ${name}`}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
    </li>
  );
}
