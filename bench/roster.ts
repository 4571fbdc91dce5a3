/**
 * The roster of the coach of 200 athletes, timed in-process (tRPC caller, no HTTP), next to the
 * floor: the faster of two hand-written SQL queries. One computes the same numbers from the raw
 * rows (weekly minutes by category, by label and by effort, planned vs done, compliance counts,
 * last activity, over the same 5 weeks); the other reads what the roster reads when its cache is
 * warm (the week digests still valid, and the last activity), so caching cannot flatter the ratio.
 * All run the way the app runs queries: a transaction as the app role with the organisation set.
 */
import type postgres from "postgres";
import { createCaller } from "~/server/api/root";
import { APP_ROLE } from "~/server/db/tenant";
import type { BenchDatabase } from "./database";
import { percentile, timeRuns } from "./stats";
import { contextFor } from "~/test/sessions";

export const ROSTER_TARGET_P95_MS = 50;
export const ROSTER_TARGET_RATIO = 2;
const WARM_UP = 10;
const RUNS = 60;
const COLD_RUNS = 10;

export interface Timings {
  readonly p50: number;
  readonly p95: number;
}

export interface RosterBenchResult {
  readonly athletes: number;
  readonly roster: Timings;
  /** From the raw runs and plans. */
  readonly floor: Timings;
  readonly floorRows: number;
  /** From the cached week digests. */
  readonly cachedFloor: Timings;
  readonly cachedFloorRows: number;
  /** With no digest valid (as after a change of the organisation's defaults): every week evaluated afresh. */
  readonly cold: Timings;
}

const timings = (samples: number[]): Timings => ({ p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) });

/**
 * Per coached athlete: the 5 weeks (in their own week start) with minutes done by category of label
 * and of effort (RPE bands 1–3, 4–6, 7–10), minutes planned by category (published weeks only),
 * sessions due / done / missed, and the last run ever.
 */
const FLOOR_SQL = `
with coached as (
  select a.id, a.org_id, u.week_start_day,
         current_date - ((extract(dow from current_date)::int - u.week_start_day + 7) % 7) as current_start
  from coach_assignments ca
  join athletes a on a.org_id = ca.org_id and a.id = ca.athlete_id
  join users u on u.id = a.user_id
  where ca.org_id = $1 and ca.coach_user_id = $2
),
done as (
  select c.id as athlete_id, (r.local_date - (c.current_start - 28)) / 7 as week,
         sum(r.duration_s) filter (where r.kind = 'recovery') / 60 as label_recovery,
         sum(r.duration_s) filter (where r.kind in ('aerobic', 'long')) / 60 as label_aerobic,
         sum(r.duration_s) filter (where r.kind in ('tempo', 'intervals', 'hills', 'race')) / 60 as label_quality,
         sum(r.duration_s) filter (where r.rpe <= 3) / 60 as effort_recovery,
         sum(r.duration_s) filter (where r.rpe between 4 and 6) / 60 as effort_aerobic,
         sum(r.duration_s) filter (where r.rpe >= 7) / 60 as effort_quality,
         count(*) as runs
  from coached c
  join runs r on r.org_id = c.org_id and r.athlete_id = c.id and r.local_date between c.current_start - 28 and c.current_start + 6
  group by 1, 2
),
planned as (
  select c.id as athlete_id, (s.date - (c.current_start - 28)) / 7 as week,
         sum(s.duration_min) filter (where s.kind = 'recovery') as plan_recovery,
         sum(s.duration_min) filter (where s.kind in ('aerobic', 'long')) as plan_aerobic,
         sum(s.duration_min) filter (where s.kind in ('tempo', 'intervals', 'hills', 'race')) as plan_quality,
         count(*) filter (where s.date < current_date) as due,
         count(*) filter (where s.date < current_date and exists (
           select 1 from runs r where r.org_id = s.org_id and r.planned_session_id = s.id)) as done
  from coached c
  join planned_sessions s on s.org_id = c.org_id and s.athlete_id = c.id and s.date between c.current_start - 28 and c.current_start + 6
  join planned_weeks w on w.org_id = s.org_id and w.id = s.week_id and w.status = 'published'
  group by 1, 2
)
select c.id,
       (select max(r.local_date) from runs r where r.org_id = c.org_id and r.athlete_id = c.id) as last_run_on,
       (select jsonb_agg(to_jsonb(d) - 'athlete_id') from done d where d.athlete_id = c.id) as done,
       (select jsonb_agg(to_jsonb(p) - 'athlete_id' || jsonb_build_object('missed', p.due - p.done)) from planned p where p.athlete_id = c.id) as planned
from coached c`;

/** Per coached athlete: the digests of their last 5 weeks that are still valid, and the last run ever. */
const CACHED_FLOOR_SQL = `
with coached as (
  select a.id, a.org_id, a.training_version, o.training_version as org_version
  from coach_assignments ca
  join athletes a on a.org_id = ca.org_id and a.id = ca.athlete_id
  join organizations o on o.id = a.org_id
  where ca.org_id = $1 and ca.coach_user_id = $2
)
select c.id,
       (select r.local_date from runs r where r.org_id = c.org_id and r.athlete_id = c.id order by r.local_date desc limit 1) as last_run_on,
       (select json_agg(d.digest order by d.week_start) from week_digests d
         where d.org_id = c.org_id and d.athlete_id = c.id and d.athlete_version = c.training_version and d.org_version = c.org_version
           and d.week_start > current_date - 36) as weeks
from coached c`;

async function floorOnce(sql: postgres.Sql, query: string, orgId: string, coachUserId: string): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`select app.act_as(${coachUserId}::uuid, ${orgId}::uuid), set_config('role', ${APP_ROLE}, true)`;
    const rows = await tx.unsafe(query, [orgId, coachUserId], { prepare: true });
    return rows.length;
  });
}

export async function orgIdOf(sql: postgres.Sql, slug: string): Promise<string> {
  const [org] = await sql<{ id: string }[]>`select id from organizations where slug = ${slug}`;
  if (!org) throw new Error(`no organisation ${slug}`);
  return org.id;
}

export async function benchRoster(bench: BenchDatabase): Promise<RosterBenchResult> {
  const caller = createCaller(contextFor(bench.connection.db, bench.coach));
  let athletes = 0;
  const rosterSamples = await timeRuns(
    async () => {
      athletes = (await caller.roster.list({ orgSlug: bench.orgSlug })).length;
    },
    { warmUp: WARM_UP, runs: RUNS },
  );
  const orgId = await orgIdOf(bench.connection.sql, bench.orgSlug);
  const coldSamples: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await bench.connection.sql.begin(async (tx) => {
      await tx`select app.act_as(null, ${orgId}::uuid)`;
      await tx`update organizations set training_version = training_version + 1 where id = ${orgId}`;
    });
    const started = performance.now();
    await caller.roster.list({ orgSlug: bench.orgSlug });
    coldSamples.push(performance.now() - started);
  }
  const timeFloor = async (query: string) => {
    let rows = 0;
    const samples = await timeRuns(
      async () => {
        rows = await floorOnce(bench.connection.sql, query, orgId, bench.coach.id);
      },
      { warmUp: WARM_UP, runs: RUNS },
    );
    return { rows, timings: timings(samples) };
  };
  const raw = await timeFloor(FLOOR_SQL);
  const cached = await timeFloor(CACHED_FLOOR_SQL);
  // Leave the cache warm for whoever comes next.
  await caller.roster.list({ orgSlug: bench.orgSlug });
  return {
    athletes,
    roster: timings(rosterSamples),
    floor: raw.timings,
    floorRows: raw.rows,
    cachedFloor: cached.timings,
    cachedFloorRows: cached.rows,
    cold: timings(coldSamples),
  };
}
