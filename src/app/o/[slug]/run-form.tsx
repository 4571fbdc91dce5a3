"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import {
  EFFORT_WORDS,
  SESSION_KINDS,
  effortCategoryOf,
  type EffortBands,
  type Flag,
  type SessionKind,
} from "~/domain/rules";
import { implausiblePace, parseDistance, parseDuration, PLAUSIBLE_PACE_S_PER_KM } from "~/domain/training/run-values";
import { Button } from "~/components/button";
import { FlagList, flagsFor } from "~/components/flag-list";
import { formatDuration, formatPace, KIND_NAMES, METRES_PER_MILE, type Units } from "~/lib/format";
import { now } from "~/lib/clock";
import { putQueuedRun, removeQueuedRun } from "~/lib/offline-store";
import { startBefore } from "~/lib/run-start";
import { zonedParts } from "~/lib/zoned-time";
import { errorMessage, fieldErrors } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import { isUnanswered } from "./_shared/offline-sync";

export interface RunFormValues {
  date: string;
  time: string;
  kind: SessionKind;
  durationS: number | null;
  distanceM: number | null;
  rpe: number | null;
  notes: string;
  private: boolean;
  plannedSessionId: string | null;
}

/** Today's planned session that no run has fulfilled yet: "Ran it as planned" logs its kind and duration. */
export interface PlannedToday {
  id: string;
  kind: SessionKind;
  durationS: number | null;
  description: string;
}

type Feedback = { runFlags: readonly Flag[]; weekFlags: readonly Flag[] } | null;

/** The server's rules for a run (zod), loaded with the tRPC client when the athlete starts on the form. */
const loadRunRules = () => import("~/domain/training/run-input");
function preloadSending() {
  preloadTrpc();
  loadRunRules().catch(() => {});
}

/**
 * The page's clock (its render time and the athlete's today), moved on to the device's clock when the
 * page is a saved copy more than a few minutes old (opened offline from the service worker's cache).
 */
function useSavedPageClock(nowMs: number | undefined, today: string, timeZone: string | undefined) {
  const [clock, setClock] = useState({ nowMs, today });
  useEffect(() => {
    if (nowMs === undefined || timeZone === undefined) return;
    const current = now();
    if (current.getTime() - nowMs < 5 * 60_000) return;
    const later = zonedParts(current, timeZone).date;
    const id = window.setTimeout(() => setClock({ nowMs: current.getTime(), today: later > today ? later : today }));
    return () => window.clearTimeout(id);
  }, [nowMs, today, timeZone]);
  return clock;
}

/** How many of the week's notes show after saving a run; the rest wait behind a disclosure. */
const WEEK_NOTES_SHOWN = 3;

/**
 * Logging a run on a phone, right after running: big targets, the pace as you type, the words for
 * each RPE, and Save always in reach (it sticks to the bottom of the screen). A planned session is
 * logged with one tap ("Ran it as planned") or as "Different", which asks for what was run: nothing
 * from the plan is left in an editable field to be half-overwritten. The start time follows the
 * duration (now minus the run) until the athlete sets it. The same rules as the server check every
 * field before sending; an idempotency key makes a double tap or a retry save one run. The rules and
 * the tRPC client are downloaded when the athlete first touches the form, not with the page.
 * Without a connection a new run, checked by the same rules, is kept on the device with its key and
 * sent later (ADR 018): the athlete is told it is waiting to sync.
 */
export function RunForm({
  orgSlug,
  units,
  today: pageToday,
  effortBands,
  initial,
  runId,
  planned = null,
  nowMs: pageNowMs,
  timeZone,
  userId,
  replacesQueued,
}: {
  orgSlug: string;
  units: Units;
  today: string;
  effortBands: EffortBands;
  initial: RunFormValues;
  runId?: string;
  planned?: PlannedToday | null;
  /** The server's clock when the page was rendered, with the athlete's zone: a new run's start defaults to it minus the duration. */
  nowMs?: number;
  timeZone?: string;
  /** The signed-in user: a new run logged offline is queued on this device under their name. */
  userId?: string;
  /** A queued run the server refused, which this form's run replaces once saved or queued again. */
  replacesQueued?: string;
}) {
  const router = useRouter();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [asPlanned, setAsPlanned] = useState<boolean | null>(planned ? null : false);
  const [kind, setKind] = useState<SessionKind>(planned?.kind ?? initial.kind);
  const [duration, setDuration] = useState(initial.durationS === null ? "" : formatDuration(initial.durationS));
  const [distance, setDistance] = useState(
    initial.distanceM === null ? "" : (initial.distanceM / (units === "km" ? 1000 : METRES_PER_MILE)).toFixed(2),
  );
  const [rpe, setRpe] = useState<number | null>(initial.rpe);
  // Editing keeps the run's own start; a new run's start follows its duration until the athlete sets it.
  // A page opened from the device's saved copy (offline) was rendered earlier: today and the start
  // time follow the clock, not the copy.
  const clock = useSavedPageClock(pageNowMs, pageToday, timeZone);
  const nowMs = clock.nowMs;
  const today = clock.today;
  const followsDuration = !runId && nowMs !== undefined && timeZone !== undefined;
  const [when, setWhen] = useState<{ date: string; time: string } | null>(
    followsDuration ? null : { date: initial.date, time: initial.time },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [paceAccepted, setPaceAccepted] = useState<string | null>(null);
  const [paceQuestion, setPaceQuestion] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | undefined>(undefined);
  // Saved on this device, waiting to sync (no connection when it was saved).
  const [queued, setQueued] = useState(false);
  // One key per run being logged: resending after a timeout or a double tap cannot create a second run.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const metresPerUnit = units === "km" ? 1000 : METRES_PER_MILE;
  const usesPlan = asPlanned === true && planned !== null;
  // What was run is typed when it differs from the plan, or when the plan gave no duration.
  const askDuration = asPlanned === false || (usesPlan && !planned.durationS);
  const durationS = usesPlan && planned.durationS ? planned.durationS : parseDuration(duration);
  const distanceM = parseDistance(distance, metresPerUnit);
  const knownDistance = distanceM !== null && !Number.isNaN(distanceM) ? distanceM : null;
  const pace = knownDistance && durationS ? formatPace(durationS, knownDistance, units) : null;
  const paceOff = implausiblePace(durationS, knownDistance);
  const paceKey = `${durationS}/${knownDistance}`;
  const start =
    when ?? (followsDuration ? startBefore(nowMs, durationS, timeZone) : { date: initial.date, time: initial.time });
  const limit = (s: number) => formatPace(s, 1000, units);
  const paceWarning = paceOff
    ? `${pace} is ${paceOff === "fast" ? `faster than ${limit(PLAUSIBLE_PACE_S_PER_KM.fastest)}` : `slower than ${limit(PLAUSIBLE_PACE_S_PER_KM.slowest)}`}: check the distance and the duration.`
    : null;

  const onError = (error: unknown) => {
    const byField = Object.fromEntries(
      Object.entries(fieldErrors(error)).map(([k, v]) => [k.replace(/^run\./, ""), v]),
    );
    setErrors(byField);
    setFormError(Object.keys(byField).length ? null : errorMessage(error));
  };
  const save = useServerCall();
  const remove = useServerCall();
  const pending = save.pending;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const found: Record<string, string> = {};
    if (asPlanned === null) found.asPlanned = "Say whether you ran it as planned";
    if (askDuration) {
      if (duration.trim() === "") found.durationS = "Enter how long you ran";
      else if (durationS === null) found.durationS = "Enter the duration like 28, 28:30 or 1:05:00";
    }
    if (Number.isNaN(distanceM)) found.distanceM = "Enter the distance as a number";
    setPaceQuestion(false);
    const candidate = {
      date: start.date,
      time: start.time,
      kind: usesPlan ? planned.kind : kind,
      durationS: durationS ?? 0,
      distanceM: knownDistance,
      rpe: rpe ?? undefined,
      notes: String(form.get("notes") ?? ""),
      private: form.get("private") === "on",
      plannedSessionId: planned
        ? usesPlan || kind === planned.kind
          ? planned.id
          : null
        : kind === initial.kind
          ? initial.plannedSessionId
          : null,
    };
    save
      .call(async (trpc) => {
        const { runFieldsSchema, futureDateProblem } = await loadRunRules();
        const parsed = runFieldsSchema.safeParse(candidate);
        if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
        const future = futureDateProblem(candidate.date, today);
        if (future) found.date ??= future;
        setErrors(found);
        setFormError(null);
        if (!parsed.success || Object.keys(found).length) return;
        // Once everything else holds, an implausible pace is asked about; "save it as it is" sends it.
        if (paceOff && paceAccepted !== paceKey) return setPaceQuestion(true);
        // No connection: a new run waits on this device with its key (sent once, however often it is sent).
        const queue = async () => {
          await putQueuedRun({
            key: idempotencyKey,
            userId: userId!,
            orgSlug,
            run: parsed.data,
            queuedAt: now().toISOString(),
            status: "waiting",
          });
          if (replacesQueued) await removeQueuedRun(replacesQueued);
          setQueued(true);
        };
        const canQueue = !runId && userId !== undefined;
        if (canQueue && !navigator.onLine) return queue();
        try {
          const result = runId
            ? await trpc.runs.update.mutate({ orgSlug, runId, run: parsed.data })
            : await trpc.runs.log.mutate({ orgSlug, idempotencyKey, run: parsed.data });
          if (replacesQueued) await removeQueuedRun(replacesQueued);
          setFeedback(result.feedback);
        } catch (error) {
          // The request never got an answer (the signal dropped): the same key makes a resend safe.
          if (canQueue && isUnanswered(error) && !(error as { data?: unknown }).data) return queue();
          throw error;
        }
      })
      .catch(onError);
  }

  if (queued) {
    return (
      <section aria-labelledby={`${id}-queued`} className="space-y-4">
        <h2 id={`${id}-queued`} className="text-xl font-semibold" tabIndex={-1} ref={(el) => el?.focus()}>
          Run saved on this device
        </h2>
        <p className="text-slate-800">
          Waiting to sync: there is no connection right now. Your run is sent as soon as it returns, and its feedback
          appears on This week.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link
            href={`/o/${orgSlug}`}
            className="inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 font-medium text-white"
          >
            See this week
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setIdempotencyKey(crypto.randomUUID());
              setQueued(false);
              setAsPlanned(planned ? null : false);
              setDuration("");
              setDistance("");
              setRpe(null);
              setWhen(null);
              setPaceAccepted(null);
            }}
          >
            Log another run
          </Button>
        </div>
      </section>
    );
  }

  if (feedback !== undefined) {
    return (
      <section aria-labelledby={`${id}-saved`} className="space-y-4">
        <h2 id={`${id}-saved`} className="text-xl font-semibold" tabIndex={-1} ref={(el) => el?.focus()}>
          Run saved
        </h2>
        <section aria-labelledby={`${id}-this-run`} className="space-y-2">
          <h3 id={`${id}-this-run`} className="text-base font-semibold">
            This run
          </h3>
          <FlagList flags={feedback?.runFlags ?? []} empty="Nice: that run did what it was meant to do." />
        </section>
        {flagsFor({ kind: "athlete" }, feedback?.weekFlags ?? []).length > 0 && (
          <section aria-labelledby={`${id}-this-week`} className="space-y-2">
            <h3 id={`${id}-this-week`} className="text-base font-semibold">
              Your week so far
            </h3>
            <FlagList flags={feedback?.weekFlags ?? []} max={WEEK_NOTES_SHOWN} />
          </section>
        )}
        <div className="flex flex-wrap gap-3">
          <Link
            href={`/o/${orgSlug}`}
            className="inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 font-medium text-white"
          >
            See this week
          </Link>
          {!runId && (
            <Button
              variant="secondary"
              onClick={() => {
                setIdempotencyKey(crypto.randomUUID());
                setFeedback(undefined);
                setAsPlanned(false);
                setDuration("");
                setDistance("");
                setRpe(null);
                setWhen(null);
                setPaceAccepted(null);
              }}
            >
              Log another run
            </Button>
          )}
        </div>
      </section>
    );
  }

  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-sm text-red-700">
        {errors[name]}
      </p>
    ) : null;
  const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(" ") || undefined;
  const errorId = (name: string) => (errors[name] ? `${id}-${name}-error` : undefined);
  const inputClass = "mt-1 block min-h-12 w-full rounded-md border border-slate-300 bg-white px-3 text-base";
  // The selected choice is filled blue; a focus ring offset from it stays visible on the fill.
  const choiceClass =
    "flex min-h-12 cursor-pointer items-center justify-center rounded-md border border-slate-300 bg-white px-2 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-700 has-[:checked]:text-white has-[:focus-visible]:ring-3 has-[:focus-visible]:ring-slate-900 has-[:focus-visible]:ring-offset-2";
  const planChoiceClass =
    "min-h-11 flex-1 rounded-md border px-2 text-sm font-medium focus-visible:ring-3 focus-visible:ring-slate-900 focus-visible:ring-offset-2 focus-visible:outline-none aria-pressed:border-blue-700 aria-pressed:bg-blue-700 aria-pressed:text-white border-slate-300 bg-white text-slate-900";

  // What was run (duration, distance, pace): before the RPE when typed, after it when the plan gave it,
  // so RPE sits right under "Ran it as planned" on a phone.
  const measures = (
    <div className="space-y-1">
      <div className="grid grid-cols-2 gap-3">
        {askDuration && (
          <div>
            <label htmlFor={`${id}-duration`} className="block text-sm font-medium text-slate-800">
              Duration
            </label>
            <input
              id={`${id}-duration`}
              value={duration}
              onChange={(e) => setDuration(e.target.value.replace(/[^\d:.]/g, "").slice(0, 8))}
              autoComplete="off"
              className={inputClass}
              aria-invalid={Boolean(errors.durationS)}
              aria-describedby={describedBy(`${id}-duration-hint`, errorId("durationS"))}
            />
            <p id={`${id}-duration-hint`} className="mt-1 text-xs text-slate-600">
              Minutes, or 28:30, 1:05:00
            </p>
            {fieldError("durationS")}
          </div>
        )}
        <div className={askDuration ? "" : "col-span-2"}>
          <label htmlFor={`${id}-distance`} className="block text-sm font-medium text-slate-800">
            Distance ({units === "km" ? "kilometres" : "miles"})
          </label>
          <input
            id={`${id}-distance`}
            inputMode="decimal"
            value={distance}
            onChange={(e) => setDistance(e.target.value)}
            autoComplete="off"
            className={inputClass}
            aria-invalid={Boolean(errors.distanceM)}
            aria-describedby={describedBy(errorId("distanceM"), `${id}-pace`)}
          />
          {fieldError("distanceM")}
        </div>
      </div>
      <p
        id={`${id}-pace`}
        className={`text-sm ${paceWarning ? "text-amber-900" : "text-slate-700"}`}
        aria-live="polite"
      >
        {paceWarning ? `Pace ${paceWarning}` : pace ? `Pace ${pace}` : "Pace appears as you type"}
      </p>
    </div>
  );

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      onFocus={preloadSending}
      onPointerDown={preloadSending}
      noValidate
      className="space-y-4"
    >
      {planned && (
        <div
          role="group"
          aria-labelledby={`${id}-planned`}
          aria-describedby={errorId("asPlanned")}
          className="rounded-lg border border-slate-200 bg-white px-3 py-2"
        >
          <p id={`${id}-planned`} className="text-sm text-slate-800">
            <span className="font-medium">Planned today:</span> {KIND_NAMES[planned.kind]}
            {planned.durationS ? `, ${formatDuration(planned.durationS)}` : ""}
          </p>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              aria-pressed={asPlanned === true}
              className={planChoiceClass}
              onClick={() => {
                setAsPlanned(true);
                setKind(planned.kind);
                if (!planned.durationS) setDuration("");
              }}
            >
              Ran it as planned
            </button>
            <button
              type="button"
              aria-pressed={asPlanned === false}
              className={planChoiceClass}
              onClick={() => {
                setAsPlanned(false);
                setDuration("");
              }}
            >
              Different
            </button>
          </div>
          {fieldError("asPlanned")}
        </div>
      )}

      {asPlanned === false && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Kind of run</legend>
          <div className="mt-1 grid grid-cols-4 gap-2">
            {SESSION_KINDS.map((k) => (
              <label key={k} className={`${choiceClass} text-sm`}>
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                  className="sr-only"
                />
                {KIND_NAMES[k]}
              </label>
            ))}
          </div>
          {fieldError("kind")}
        </fieldset>
      )}

      {askDuration && measures}

      <fieldset aria-describedby={describedBy(`${id}-rpe-words`, errorId("rpe"))}>
        <legend className="text-sm font-medium text-slate-800">How hard did it feel? (RPE 1–10)</legend>
        <div className="mt-1 grid grid-cols-5 gap-2">
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <label key={n} className={`${choiceClass} text-base font-semibold`}>
              <input
                type="radio"
                name="rpe"
                value={n}
                checked={rpe === n}
                onChange={() => setRpe(n)}
                className="sr-only"
                aria-label={`RPE ${n}: ${EFFORT_WORDS[effortCategoryOf(n, effortBands)]}`}
              />
              {n}
            </label>
          ))}
        </div>
        <p id={`${id}-rpe-words`} className="mt-1 text-sm text-slate-700" aria-live="polite">
          {rpe
            ? `RPE ${rpe}: ${EFFORT_WORDS[effortCategoryOf(rpe, effortBands)]}`
            : `1–${effortBands.recovery[1]} easy · ${effortBands.aerobic[0]}–${effortBands.aerobic[1]} steady · ${effortBands.quality[0]}–10 hard`}
        </p>
        {fieldError("rpe")}
      </fieldset>

      {!askDuration && measures}

      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor={`${id}-date`} className="block text-sm font-medium text-slate-800">
            Date
          </label>
          <input
            id={`${id}-date`}
            name="date"
            type="date"
            value={start.date}
            onChange={(e) => setWhen({ ...start, date: e.target.value })}
            max={today}
            className={inputClass}
            aria-invalid={Boolean(errors.date)}
            aria-describedby={errorId("date")}
          />
          {fieldError("date")}
        </div>
        <div>
          <label htmlFor={`${id}-time`} className="block text-sm font-medium text-slate-800">
            Start time
          </label>
          <input
            id={`${id}-time`}
            name="time"
            type="time"
            value={start.time}
            onChange={(e) => setWhen({ ...start, time: e.target.value })}
            className={inputClass}
            aria-invalid={Boolean(errors.time)}
            aria-describedby={errorId("time")}
          />
          {fieldError("time")}
        </div>
      </div>

      <div>
        <label htmlFor={`${id}-notes`} className="block text-sm font-medium text-slate-800">
          Notes (optional)
        </label>
        <textarea
          id={`${id}-notes`}
          name="notes"
          defaultValue={initial.notes}
          maxLength={2000}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
        />
      </div>

      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" name="private" defaultChecked={initial.private} className="size-5" />
        Private: hide from teammates (your coaches still see it)
      </label>

      {/* Save stays on screen while the athlete fills the form (athletes log from phones). */}
      <div className="sticky bottom-[var(--app-bottom-inset,0px)] z-10 -mx-4 space-y-2 border-t border-slate-200 bg-white px-4 py-2">
        {paceQuestion && paceWarning && (
          <div role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <p>{`Pace ${paceWarning}`} Is that right?</p>
            <Button
              type="button"
              variant="secondary"
              className="mt-2"
              onClick={() => {
                setPaceAccepted(paceKey);
                setPaceQuestion(false);
                // The answer is the athlete's: send the run as typed once this state has applied.
                setTimeout(() => formRef.current?.requestSubmit(), 0);
              }}
            >
              Yes, save it as it is
            </Button>
          </div>
        )}
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        )}
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="text-sm text-red-700">
            Please check the highlighted fields.
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending} className="min-h-12 flex-1 text-base">
            {pending ? "Saving…" : runId ? "Save changes" : "Save run"}
          </Button>
          {runId && (
            <Button
              type="button"
              variant="danger"
              disabled={remove.pending}
              onClick={() => {
                if (!window.confirm("Delete this run? This cannot be undone.")) return;
                remove
                  .call((trpc) => trpc.runs.delete.mutate({ orgSlug, runId }))
                  .then(() => router.push(`/o/${orgSlug}`), onError);
              }}
            >
              Delete run
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
