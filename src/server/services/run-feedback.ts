import "server-only";
import type { Tx } from "~/server/db/connection";
import type { insertRun } from "~/server/data/runs";
import type { AthleteContext } from "~/server/data/athletes";
import { flagsForReader, type FlagAudienceReader } from "~/domain/training/reader-flags";
import type { RunRow } from "~/domain/training/week-input";
import { notifyRunWarnings, runWarningEvents, type OrgRef } from "./notification-events";
import type { WeekRows } from "~/server/data/runs";
import { evaluateWeekContaining, evaluateWeekOf } from "./recent-weeks";

/**
 * What is read right after saving a run: its own flags and the week's, in plain language. The athlete
 * never receives the plan's flags (for the coach alone: they cannot change the plan); a coach saving
 * for them gets every flag. With it, every flag of the week, for the server only (coaches' warnings).
 */
async function evaluateFeedback(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  athlete: AthleteContext,
  runId: string,
  date: string,
  now: Date,
  reader: FlagAudienceReader,
) {
  return feedbackOf(await evaluateWeekContaining(tx, org, athlete, date, { now, publishedOnly: true }), runId, reader);
}

function feedbackOf(week: ReturnType<typeof evaluateWeekOf>, runId: string, reader: FlagAudienceReader) {
  const { evaluation } = week;
  const flags = flagsForReader(evaluation.flags, reader);
  return {
    feedback: {
      weekStart: week.weekStart,
      runFlags: flags.filter((f) => f.runId === runId),
      weekFlags: flags.filter((f) => !f.runId),
      mix: evaluation.actual,
      bands: week.settings.bands,
    },
    allFlags: evaluation.flags,
  };
}

/**
 * feedbackAfterSaving for a run not written yet (the run log, ADR 024): the same feedback and coaches'
 * warnings from the week's rows read before the write (published plans only), with the run among
 * them. The caller records the warnings with the run, in one statement.
 */
export function feedbackBeforeSaving(
  org: OrgRef & { trainingSettings: unknown },
  athlete: AthleteContext,
  run: RunRow & { startedAt: Date },
  week: WeekRows,
  options: { now: Date; reader: FlagAudienceReader; actorUserId: string },
) {
  const runs = [...week.runs, { ...run, athleteId: athlete.athleteId }].sort(
    (a, b) => a.localDate.localeCompare(b.localDate) || a.startedAt.getTime() - b.startedAt.getTime(),
  );
  const { feedback, allFlags } = feedbackOf(
    evaluateWeekOf(org, athlete, run.localDate, { ...week, runs }, { now: options.now }),
    run.id,
    options.reader,
  );
  const warnings = runWarningEvents(org, { athlete, actorUserId: options.actorUserId, run, flags: allFlags });
  return { feedback, warnings };
}

/**
 * A run was saved (logged, edited or confirmed from an import): the saver's feedback, and the
 * athlete's coaches told of the warnings it raised for them, in the same evaluation.
 */
export async function feedbackAfterSaving(
  tx: Tx,
  org: OrgRef & { trainingSettings: unknown },
  athlete: AthleteContext,
  run: { id: string; kind: string; localDate: string },
  options: { now: Date; reader: FlagAudienceReader; actorUserId: string },
) {
  const { feedback, allFlags } = await evaluateFeedback(
    tx,
    org,
    athlete,
    run.id,
    run.localDate,
    options.now,
    options.reader,
  );
  await notifyRunWarnings(tx, org, { athlete, actorUserId: options.actorUserId, run, flags: allFlags });
  return feedback;
}

/** A saved run as the client gets it: JSON-safe, since it is also kept verbatim under an idempotency key. */
export function runDto(run: Awaited<ReturnType<typeof insertRun>>) {
  return { ...run, startedAt: run.startedAt.toISOString() };
}

export interface LoggedRun {
  run: ReturnType<typeof runDto>;
  feedback: Awaited<ReturnType<typeof feedbackAfterSaving>>;
}

/** Whose eyes the feedback is for: the athlete's own, or a coach's (or owner's) saving for them. */
export function readerOf(ctx: { actor: { athleteId: string | null } }, athlete: Pick<AthleteContext, "athleteId">) {
  return ctx.actor.athleteId === athlete.athleteId ? ("athlete" as const) : ("coach" as const);
}
