"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import {
  EFFORT_WORDS,
  SESSION_KINDS,
  effortCategoryOf,
  type EffortBands,
  type Flag,
  type SessionKind,
} from "~/domain/rules";
import { Button } from "~/components/button";
import { FlagList } from "~/components/flag-list";
import { formatPace, KIND_NAMES, METRES_PER_MILE, type Units } from "~/lib/format";
import { errorMessage, fieldErrors } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

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

type Feedback = { runFlags: readonly Flag[]; weekFlags: readonly Flag[] } | null;

/** The server's rules for a run (zod), loaded with the tRPC client when the athlete starts on the form. */
const loadRunRules = () => import("~/domain/training/run-input");
function preloadSending() {
  preloadTrpc();
  loadRunRules().catch(() => {});
}

const split = (seconds: number | null) =>
  seconds === null
    ? { h: "", m: "", s: "" }
    : {
        h: String(Math.floor(seconds / 3600) || ""),
        m: String(Math.floor((seconds % 3600) / 60)),
        s: String(seconds % 60),
      };

/**
 * Logging a run on a phone, right after running: big targets, numeric keyboards, the pace as you
 * type, the words for each RPE. The same rules as the server check every field before sending; an
 * idempotency key makes a double tap or a retry save one run. The rules and the tRPC client are
 * downloaded when the athlete first touches the form, not with the page.
 */
export function RunForm({
  orgSlug,
  units,
  today,
  effortBands,
  initial,
  runId,
}: {
  orgSlug: string;
  units: Units;
  today: string;
  effortBands: EffortBands;
  initial: RunFormValues;
  runId?: string;
}) {
  const router = useRouter();
  const id = useId();
  const [kind, setKind] = useState<SessionKind>(initial.kind);
  const [duration, setDuration] = useState(split(initial.durationS));
  const [distance, setDistance] = useState(
    initial.distanceM === null ? "" : (initial.distanceM / (units === "km" ? 1000 : METRES_PER_MILE)).toFixed(2),
  );
  const [rpe, setRpe] = useState<number | null>(initial.rpe);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | undefined>(undefined);
  // One key per run being logged: resending after a timeout or a double tap cannot create a second run.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const durationS = (Number(duration.h) || 0) * 3600 + (Number(duration.m) || 0) * 60 + (Number(duration.s) || 0);
  const distanceM =
    distance.trim() === ""
      ? null
      : Math.round(Number(distance.replace(",", ".")) * (units === "km" ? 1000 : METRES_PER_MILE));
  const pace = distanceM && durationS ? formatPace(durationS, distanceM, units) : null;

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
    const candidate = {
      date: String(form.get("date") ?? ""),
      time: String(form.get("time") ?? ""),
      kind,
      durationS,
      distanceM: distanceM !== null && Number.isNaN(distanceM) ? -1 : distanceM,
      rpe: rpe ?? undefined,
      notes: String(form.get("notes") ?? ""),
      private: form.get("private") === "on",
      plannedSessionId: kind === initial.kind ? initial.plannedSessionId : null,
    };
    save
      .call(async (trpc) => {
        const { runFieldsSchema, futureDateProblem } = await loadRunRules();
        const parsed = runFieldsSchema.safeParse(candidate);
        const found: Record<string, string> = {};
        if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
        const future = futureDateProblem(candidate.date, today);
        if (future) found.date ??= future;
        setErrors(found);
        setFormError(null);
        if (!parsed.success || future) return;
        const result = runId
          ? await trpc.runs.update.mutate({ orgSlug, runId, run: parsed.data })
          : await trpc.runs.log.mutate({ orgSlug, idempotencyKey, run: parsed.data });
        setFeedback(result.feedback);
      })
      .catch(onError);
  }

  if (feedback !== undefined) {
    const flags = [...(feedback?.runFlags ?? []), ...(feedback?.weekFlags ?? [])];
    return (
      <section aria-labelledby={`${id}-saved`} className="space-y-4">
        <h2 id={`${id}-saved`} className="text-xl font-semibold" tabIndex={-1} ref={(el) => el?.focus()}>
          Run saved
        </h2>
        <FlagList flags={flags} empty="Nice: that run did what it was meant to do." />
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
                setDuration(split(null));
                setDistance("");
                setRpe(null);
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
  const describedBy = (name: string) => (errors[name] ? `${id}-${name}-error` : undefined);
  const inputClass = "mt-1 block min-h-12 w-full rounded-md border border-slate-300 bg-white px-3 text-base";

  return (
    <form onSubmit={onSubmit} onFocus={preloadSending} onPointerDown={preloadSending} noValidate className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Kind of run</legend>
        <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {SESSION_KINDS.map((k) => (
            <label
              key={k}
              className="flex min-h-12 cursor-pointer items-center justify-center rounded-md border border-slate-300 bg-white px-2 text-sm has-[:checked]:border-blue-700 has-[:checked]:bg-blue-700 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600"
            >
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

      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor={`${id}-date`} className="block text-sm font-medium text-slate-800">
            Date
          </label>
          <input
            id={`${id}-date`}
            name="date"
            type="date"
            defaultValue={initial.date}
            max={today}
            className={inputClass}
            aria-invalid={Boolean(errors.date)}
            aria-describedby={describedBy("date")}
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
            defaultValue={initial.time}
            className={inputClass}
            aria-invalid={Boolean(errors.time)}
            aria-describedby={describedBy("time")}
          />
          {fieldError("time")}
        </div>
      </div>

      <fieldset aria-describedby={describedBy("durationS")}>
        <legend className="text-sm font-medium text-slate-800">Duration</legend>
        <div className="mt-1 grid grid-cols-3 gap-2">
          {(["h", "m", "s"] as const).map((part) => (
            <label key={part} className="text-xs text-slate-600">
              {part === "h" ? "Hours" : part === "m" ? "Minutes" : "Seconds"}
              <input
                inputMode="numeric"
                pattern="[0-9]*"
                value={duration[part]}
                onChange={(e) => setDuration({ ...duration, [part]: e.target.value.replace(/\D/g, "").slice(0, 3) })}
                className={inputClass}
                aria-invalid={Boolean(errors.durationS)}
              />
            </label>
          ))}
        </div>
        {fieldError("durationS")}
      </fieldset>

      <div>
        <label htmlFor={`${id}-distance`} className="block text-sm font-medium text-slate-800">
          Distance ({units === "km" ? "kilometres" : "miles"})
        </label>
        <input
          id={`${id}-distance`}
          inputMode="decimal"
          value={distance}
          onChange={(e) => setDistance(e.target.value)}
          className={inputClass}
          aria-invalid={Boolean(errors.distanceM)}
          aria-describedby={[describedBy("distanceM"), `${id}-pace`].filter(Boolean).join(" ")}
        />
        <p id={`${id}-pace`} className="mt-1 text-sm text-slate-700" aria-live="polite">
          {pace ? `Pace ${pace}` : "Pace appears as you type"}
        </p>
        {fieldError("distanceM")}
      </div>

      <fieldset aria-describedby={`${id}-rpe-words ${describedBy("rpe") ?? ""}`.trim()}>
        <legend className="text-sm font-medium text-slate-800">How hard did it feel? (RPE 1–10)</legend>
        <div className="mt-1 grid grid-cols-5 gap-2">
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <label
              key={n}
              className="flex min-h-12 cursor-pointer items-center justify-center rounded-md border border-slate-300 bg-white text-base font-semibold has-[:checked]:border-blue-700 has-[:checked]:bg-blue-700 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600"
            >
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
    </form>
  );
}
