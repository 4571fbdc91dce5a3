"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { isQualityKind } from "~/domain/rules";
import { templateMinutes } from "~/domain/training/template-scaling";
import { formatDay } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import { FlagList } from "~/components/flag-list";
import { kindTitle, minutesText } from "../_shared/format";
import type { RouterOutputs } from "../_shared/types";
import { BackLink } from "~/components/back-link";

type Assigned = RouterOutputs["templates"]["assign"];
type Template = RouterOutputs["templates"]["list"][number];
type Athlete = RouterOutputs["athletes"]["list"][number];

const OUTCOME_WORDS = {
  created: "new draft",
  replaced: "replaced, now a draft",
  kept_published: "kept: already published",
} as const;

/** The templates and their assignment, from the server's data; changes go through the on-demand tRPC client. */
export function TemplatesView({
  orgSlug,
  defaultFrom,
  templates,
  athletes,
}: {
  orgSlug: string;
  defaultFrom: string;
  templates: Template[];
  athletes: Athlete[];
}) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const remove = useServerCall();

  return (
    <div className="space-y-8" onFocus={preloadTrpc} onPointerDown={preloadTrpc}>
      <header>
        <BackLink href={`/o/${orgSlug}`}>All athletes</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Week templates</h1>
        <p className="mt-1 text-sm text-slate-600">
          Save a week from the week builder as a template, then lay it onto many athletes&apos; weeks here.
        </p>
      </header>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-lg font-semibold">
          Templates
        </h2>
        <p role="status" className="min-h-5 text-sm text-slate-700">
          {status}
        </p>
        {templates.length === 0 ? (
          <p className="text-slate-600">No templates yet. Open an athlete&apos;s week and use “Save as template”.</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {templates.map((t) => (
              <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-3">
                <h3 className="font-semibold">{t.name}</h3>
                <p className="text-xs text-slate-600">
                  {t.sessions.length} sessions · {minutesText(templateMinutes(t.sessions))} ·{" "}
                  {t.sessions.filter((s) => isQualityKind(s.kind)).length} quality
                  {t.createdByName ? ` · by ${t.createdByName}` : ""}
                </p>
                <ol className="mt-2 space-y-0.5 text-sm">
                  {t.sessions.map((s, i) => (
                    <li key={i}>
                      Day {s.day + 1}: {kindTitle(s.kind)}
                      {s.durationMin !== null ? `, ${s.durationMin} min` : ""}
                      {s.description ? ` — ${s.description}` : ""}
                    </li>
                  ))}
                </ol>
                <Button
                  type="button"
                  variant="secondary"
                  className="mt-2"
                  aria-label={`Delete the template ${t.name}`}
                  disabled={remove.pending}
                  onClick={() => {
                    if (
                      !window.confirm(
                        `Delete the template “${t.name}”? Weeks already planned from it stay as they are.`,
                      )
                    )
                      return;
                    remove
                      .call((trpc) => trpc.templates.delete.mutate({ orgSlug, templateId: t.id }))
                      .then(
                        () => {
                          setStatus("Template deleted.");
                          router.refresh();
                        },
                        (e: unknown) => setStatus(errorMessage(e)),
                      );
                  }}
                >
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {templates.length > 0 && (
        <AssignForm orgSlug={orgSlug} defaultFrom={defaultFrom} templates={templates} athletes={athletes} />
      )}
    </div>
  );
}

function AssignForm({
  orgSlug,
  defaultFrom,
  templates,
  athletes,
}: {
  orgSlug: string;
  defaultFrom: string;
  templates: Template[];
  athletes: Athlete[];
}) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<Assigned | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const assign = useServerCall();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  return (
    <section aria-labelledby="assign-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="assign-heading" className="text-lg font-semibold">
        Assign a template
      </h2>
      <form
        className="mt-3 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const input = {
            orgSlug,
            templateId: String(form.get("templateId")),
            athleteIds: [...chosen],
            from: String(form.get("from")),
            weekCount: Number(form.get("weekCount")),
            scale: form.get("scale") === "on",
            overwritePublished: form.get("overwritePublished") === "on",
          };
          assign
            .call((trpc) => trpc.templates.assign.mutate(input))
            .then(
              (data) => {
                setResult(data);
                setProblem(null);
              },
              (e: unknown) => setProblem(errorMessage(e)),
            );
        }}
      >
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Template"
            name="templateId"
            options={templates.map((t) => ({ value: t.id, label: t.name }))}
          />
          <TextField label="First week (any day of it)" name="from" type="date" defaultValue={defaultFrom} required />
          <SelectField
            label="Number of weeks"
            name="weekCount"
            defaultValue="1"
            options={Array.from({ length: 8 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
          />
        </div>
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold">Athletes</legend>
          <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              className="size-4"
              checked={chosen.size === athletes.length && athletes.length > 0}
              onChange={(e) => setChosen(e.target.checked ? new Set(athletes.map((a) => a.athleteId)) : new Set())}
            />
            All my athletes
          </label>
          <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
            {athletes.map((a) => (
              <label key={a.athleteId} className="inline-flex min-h-11 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={chosen.has(a.athleteId)}
                  onChange={(e) => toggle(a.athleteId, e.target.checked)}
                />
                {a.displayName}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="space-y-1">
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="scale" className="size-4" />
            Scale durations to each athlete&apos;s usual volume (their last 4 weeks, ×0.5 to ×1.5, rounded to 5 min)
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="overwritePublished" className="size-4" />
            Replace weeks that are already published (they go back to draft)
          </label>
        </div>
        <div role="alert" className="min-h-5 text-sm text-red-700">
          {problem}
        </div>
        <Button type="submit" disabled={assign.pending || chosen.size === 0}>
          Assign template
        </Button>
      </form>
      {result && <AssignResult orgSlug={orgSlug} result={result} />}
    </section>
  );
}

function AssignResult({ orgSlug, result }: { orgSlug: string; result: Assigned }) {
  const flagged = result.flatMap((a) => a.weeks).filter((w) => w.flags.some((f) => f.severity === "warning")).length;
  return (
    <div className="mt-4" role="status">
      <h3 className="font-semibold">
        Assigned.{" "}
        {flagged === 0
          ? "No week is flagged."
          : `${flagged} week${flagged === 1 ? " is" : "s are"} flagged by the rules:`}
      </h3>
      <ul className="mt-2 space-y-3">
        {result.map((athlete) => (
          <li key={athlete.athleteId} className="rounded-md border border-slate-200 p-3">
            <p className="font-medium">
              {athlete.displayName}
              {athlete.scale !== 1 && (
                <span className="font-normal text-slate-600"> · durations ×{athlete.scale.toFixed(2)}</span>
              )}
            </p>
            <ul className="mt-1 space-y-2">
              {athlete.weeks.map((w) => (
                <li key={w.weekStart} className="text-sm">
                  <Link
                    href={`/o/${orgSlug}/athletes/${athlete.athleteId}/week/${w.weekStart}`}
                    className="text-blue-800 underline underline-offset-2"
                  >
                    Week of {formatDay(w.weekStart)}
                  </Link>{" "}
                  — {OUTCOME_WORDS[w.outcome]}
                  {w.outcome !== "kept_published" && (
                    <div className="mt-1">
                      <FlagList
                        flags={w.flags}
                        reader={{ kind: "coach", athleteName: athlete.displayName }}
                        empty="No flags."
                      />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
