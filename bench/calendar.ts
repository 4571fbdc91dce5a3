/**
 * The coach's multi-week calendar of one athlete (planCalendar.weeks in-process, no HTTP): eight weeks
 * of planned sessions, with the runs and each week's verdict by the rules engine. The weeks are seeded
 * here, ahead of the scale data's, through the week builder's own save, so the section is repeatable.
 */
import { addDays } from "~/domain/rules";
import { createCaller } from "~/server/api/root";
import { contextFor } from "~/test/sessions";
import { parseWorkout } from "~/domain/training/workout-text";
import type { BenchDatabase } from "./database";
import { orgIdOf, type Timings } from "./roster";
import { currentMonday } from "./scale-data";
import { percentile, timeRuns } from "./stats";

export const CALENDAR_TARGET_P95_MS = 100;
export const CALENDAR_WEEKS = 8;
const WARM_UP = 10;
const RUNS = 60;

/** A week of structured sessions, typed the way coaches type them; the steps are parsed once here. */
const WEEK = (
  [
    { day: 0, kind: "recovery", steps: "30' E" },
    { day: 1, kind: "intervals", steps: "2k warm-up, 6 x 800m @ I pace w/ 400m jog, 2k cool-down" },
    { day: 2, kind: "aerobic", steps: "50' E" },
    { day: 3, kind: "tempo", steps: "10' E, 3 x 10' T / 2' jog, 10' E" },
    { day: 4, kind: "recovery", steps: "30' E" },
    { day: 5, kind: "aerobic", steps: "45' E" },
    { day: 6, kind: "long", steps: "90' E, 20' M" },
  ] as const
).map(({ day, kind, steps }) => {
  const parsed = parseWorkout(steps);
  if (!parsed.ok) throw new Error(`bench session "${steps}": ${parsed.errors[0]?.message}`);
  return { day, kind, description: steps, structure: parsed.structure, durationMin: null };
});

export interface CalendarBenchResult {
  readonly weeks: number;
  readonly sessions: number;
  readonly calendar: Timings;
  /** The week builder's read of one week (weeks.get), timed alongside: how loaded the machine is. */
  readonly oneWeek: Timings;
}

export async function benchCalendar(bench: BenchDatabase): Promise<CalendarBenchResult> {
  const orgId = await orgIdOf(bench.connection.sql, bench.orgSlug);
  const [athlete] = await bench.connection.sql<{ id: string }[]>`
    select id from athletes where org_id = ${orgId} and user_id = ${bench.athlete.id}`;
  if (!athlete) throw new Error("the bench athlete is missing");
  const first = addDays(currentMonday(), 7);
  const last = addDays(first, 7 * CALENDAR_WEEKS - 1);
  // Start from nothing in those weeks (an earlier bench run seeded them).
  await bench.connection.sql.begin(async (tx) => {
    await tx`select app.act_as(null, ${orgId}::uuid)`;
    await tx`delete from planned_weeks where org_id = ${orgId} and athlete_id = ${athlete.id}
             and week_start between ${first}::date - 6 and ${last}::date`;
  });
  const caller = createCaller(contextFor(bench.connection.db, bench.coach));
  const base = { orgSlug: bench.orgSlug, athleteId: athlete.id };
  for (let i = 0; i < CALENDAR_WEEKS; i++) {
    await caller.weeks.save({
      ...base,
      weekStart: addDays(first, 7 * i),
      version: null,
      status: i < 2 ? "published" : "draft",
      sessions: WEEK.map((s) => ({ ...s, distanceM: null, targetRpe: null })),
    });
  }
  let weeks = 0;
  let sessions = 0;
  const samples = await timeRuns(
    async () => {
      const data = await caller.planCalendar.weeks({ ...base, from: first, count: CALENDAR_WEEKS });
      weeks = data.weeks.length;
      sessions = data.weeks.reduce((n, w) => n + w.sessions.length, 0);
    },
    { warmUp: WARM_UP, runs: RUNS },
  );
  const oneWeek = await timeRuns(() => caller.weeks.get({ ...base, weekStart: first }), {
    warmUp: WARM_UP,
    runs: RUNS,
  });
  const timings = (xs: number[]) => ({ p50: percentile(xs, 0.5), p95: percentile(xs, 0.95) });
  return { weeks, sessions, calendar: timings(samples), oneWeek: timings(oneWeek) };
}
