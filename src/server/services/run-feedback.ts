import "server-only";
import type { Tx } from "~/server/db/connection";
import type { insertRun } from "~/server/data/runs";
import type { AthleteContext } from "~/server/data/athletes";
import { evaluateWeekContaining } from "./recent-weeks";

/** What the athlete reads right after saving a run: its own flags and the week's, in plain language. */
export async function feedbackFor(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  athlete: AthleteContext,
  runId: string,
  date: string,
  now: Date,
) {
  const week = await evaluateWeekContaining(tx, org, athlete, date, { now, publishedOnly: true });
  const { evaluation } = week;
  return {
    weekStart: week.weekStart,
    runFlags: evaluation.flags.filter((f) => f.runId === runId),
    weekFlags: evaluation.flags.filter((f) => !f.runId),
    mix: evaluation.actual,
    bands: week.settings.bands,
  };
}

/** A saved run as the client gets it: JSON-safe, since it is also kept verbatim under an idempotency key. */
export function runDto(run: Awaited<ReturnType<typeof insertRun>>) {
  return { ...run, startedAt: run.startedAt.toISOString() };
}

export interface LoggedRun {
  run: ReturnType<typeof runDto>;
  feedback: Awaited<ReturnType<typeof feedbackFor>>;
}
