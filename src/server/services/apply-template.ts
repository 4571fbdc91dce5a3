import "server-only";
import { addDays, evaluateWeek, weekStartFor, type Flag, type PlanMix } from "~/domain/rules";
import type { TemplateSession } from "~/domain/training/plan-inputs";
import {
  datedSessions,
  meanWeeklyMinutes,
  scaleSessions,
  templateMinutes,
  volumeScale,
  VOLUME_DAYS,
} from "~/domain/training/template-scaling";
import { HISTORY_DAYS, weekdayFromIndex, weekInputFor } from "~/domain/training/week-input";
import { zonedDate } from "~/lib/zoned-time";
import { athleteContexts } from "~/server/data/athletes";
import { runsBetween } from "~/server/data/runs";
import { deleteSessionsOfWeeks, findWeeks, insertSessions, upsertDraftWeeks } from "~/server/data/weeks";
import type { Tx } from "~/server/db/connection";
import { settingsResolver } from "./recent-weeks";
import { ensureWithinPlanningWindow, sessionValues, withStructureAmounts } from "./week-plans";

export type ApplyOutcome = "created" | "replaced" | "kept_published";

export interface AppliedWeek {
  weekStart: string;
  outcome: ApplyOutcome;
  /** The engine's verdict on the resulting week (empty when the week was kept as it was). */
  flags: Flag[];
  planMix: PlanMix | null;
  plannedMin: number;
}

export interface AppliedAthlete {
  athleteId: string;
  displayName: string;
  /** The factor durations were multiplied by (1 unless scaling was asked and possible). */
  scale: number;
  weeks: AppliedWeek[];
}

const key = (athleteId: string, weekStart: string) => `${athleteId}|${weekStart}`;

/**
 * Lays a template onto `weekCount` consecutive weeks of each athlete, from the week (in the athlete's
 * own week start) that contains `from`. Weeks become drafts (new or replaced); a published week is
 * kept unless `overwritePublished`. Optionally scales durations to each athlete's recent volume.
 * Every resulting week is evaluated by the rules engine so the coach sees at once which ones drift.
 * A constant number of queries whatever the number of athletes and weeks.
 */
export async function applyTemplate(
  tx: Tx,
  org: { id: string; trainingSettings: unknown },
  template: readonly TemplateSession[],
  input: { athleteIds: string[]; from: string; weekCount: number; scale: boolean; overwritePublished: boolean },
  options: { now: Date; userId: string },
): Promise<AppliedAthlete[]> {
  const athletes = await athleteContexts(tx, org.id, input.athleteIds);
  if (athletes.length === 0) return [];
  const plans = athletes.map((athlete) => {
    const today = zonedDate(options.now, athlete.timeZone);
    const first = weekStartFor(input.from, weekdayFromIndex(athlete.weekStartDay));
    ensureWithinPlanningWindow(first, today);
    const weekStarts = Array.from({ length: input.weekCount }, (_, i) => addDays(first, i * 7));
    return { athlete, today, weekStarts };
  });
  const allStarts = [...new Set(plans.flatMap((p) => p.weekStarts))].sort();
  const earliest = [...allStarts, ...plans.map((p) => p.today)].sort()[0]!;
  const latest = addDays(allStarts[allStarts.length - 1]!, 6);
  const existing = new Map(
    (await findWeeks(tx, org.id, input.athleteIds, allStarts)).map((w) => [key(w.athleteId, w.weekStart), w]),
  );
  const runsByAthlete = await runsBetween(
    tx,
    org.id,
    input.athleteIds,
    addDays(earliest, -Math.max(HISTORY_DAYS, VOLUME_DAYS)),
    latest,
  );

  const results: AppliedAthlete[] = [];
  const targets: Array<{ athleteId: string; weekStart: string; sessions: TemplateSession[] }> = [];
  const settingsOf = settingsResolver(org.trainingSettings);
  for (const { athlete, today, weekStarts } of plans) {
    const runs = runsByAthlete.get(athlete.athleteId) ?? [];
    const scale = input.scale ? volumeScale(meanWeeklyMinutes(runs, today), templateMinutes(template)) : 1;
    // Structured sessions take their amounts from their steps at this athlete's own paces (after
    // scaling, which therefore leaves them as the coach wrote them).
    const sessions = withStructureAmounts(weekStarts[0]!, scaleSessions(template, scale), athlete);
    const settings = settingsOf(athlete.trainingSettings);
    const historyFrom = athlete.joinedAt.toISOString().slice(0, 10);
    const weeks = weekStarts.map((weekStart): AppliedWeek => {
      const stored = existing.get(key(athlete.athleteId, weekStart));
      if (stored?.status === "published" && !input.overwritePublished) {
        return { weekStart, outcome: "kept_published", flags: [], planMix: null, plannedMin: 0 };
      }
      targets.push({ athleteId: athlete.athleteId, weekStart, sessions });
      const planned = datedSessions(weekStart, sessions).map((s, i) => ({ ...s, id: `template-${i}` }));
      const evaluation = evaluateWeek(weekInputFor({ weekStart, asOf: today, settings, runs, planned, historyFrom }));
      return {
        weekStart,
        outcome: stored ? "replaced" : "created",
        flags: evaluation.flags,
        planMix: evaluation.plan,
        plannedMin: templateMinutes(sessions),
      };
    });
    results.push({ athleteId: athlete.athleteId, displayName: athlete.displayName, scale, weeks });
  }

  const weekRows = await upsertDraftWeeks(tx, org.id, targets, options.userId);
  await deleteSessionsOfWeeks(
    tx,
    org.id,
    weekRows.map((w) => w.id),
  );
  const weekIds = new Map(weekRows.map((w) => [key(w.athleteId, w.weekStart), w.id]));
  await insertSessions(
    tx,
    org.id,
    targets.flatMap((t) =>
      sessionValues(t.weekStart, t.sessions).map(({ id: _id, ...values }) => ({
        ...values,
        athleteId: t.athleteId,
        weekId: weekIds.get(key(t.athleteId, t.weekStart))!,
      })),
    ),
  );
  return results;
}
