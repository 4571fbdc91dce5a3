/**
 * SQL statements per request for the main endpoints, counted with connect(url, { onQuery }) after a
 * warm-up call (prepared statements, type lookups). The budget catches an N+1 creeping in: every
 * endpoint reads its rows in a constant number of queries, whatever the roster's or history's size.
 */
import { randomUUID } from "node:crypto";
import { addDays } from "~/domain/rules";
import { createCaller } from "~/server/api/root";
import { connect } from "~/server/db/connection";
import type { BenchDatabase } from "./database";
import { BIG_ORG, currentMonday, uuidOf } from "./scale-data";
import { todayUtc } from "~/lib/clock";
import { contextFor, sessionOf } from "~/test/sessions";
import { findSessionAccount } from "~/server/data/accounts";

/** Transaction control and tenant settings included (the session lookup, begin, the tenant entry, commit). */
export const STATEMENT_BUDGET = 12;
/** Logging a run, the app's main write (issue 18): the session lookup, begin, tenant entry, the writes, commit. */
export const RUN_LOG_STATEMENT_BUDGET = 6;

/** The budget of one endpoint. */
export const statementBudgetOf = (endpoint: string) =>
  endpoint === "runs.log" ? RUN_LOG_STATEMENT_BUDGET : STATEMENT_BUDGET;

export interface StatementCount {
  readonly endpoint: string;
  readonly caller: string;
  readonly statements: number;
}

/** A run the athlete logs: yesterday, so it is never in their future whatever their time zone. */
/** A run to log, `daysAgo` days before today (yesterday by default). */
export function benchRun(idempotencyKey: string, orgSlug: string, daysAgo = 1) {
  return {
    orgSlug,
    idempotencyKey,
    run: {
      date: addDays(todayUtc(), -daysAgo),
      time: "07:00",
      kind: "aerobic" as const,
      durationS: 2700,
      distanceM: 8200,
      rpe: 5,
      notes: "",
      private: false,
      plannedSessionId: null,
    },
  };
}

export async function countStatements(bench: BenchDatabase): Promise<StatementCount[]> {
  let statements = 0;
  const counted = connect(bench.url, { max: 2, onQuery: () => statements++ });
  const asCoach = createCaller(contextFor(counted.db, bench.coach));
  const asAthlete = createCaller(contextFor(counted.db, bench.athlete));
  const orgSlug = bench.orgSlug;
  const athleteId = uuidOf(`bench-athlete-${BIG_ORG}-1`);
  const endpoints: Array<[string, string, () => Promise<unknown>]> = [
    ["roster.list", "coach of 200", () => asCoach.roster.list({ orgSlug })],
    ["athleteWeeks.thisWeek", "athlete", () => asAthlete.athleteWeeks.thisWeek({ orgSlug })],
    ["runs.log", "athlete", () => asAthlete.runs.log(benchRun(randomUUID(), orgSlug))],
    ["athleteWeeks.history", "athlete", () => asAthlete.athleteWeeks.history({ orgSlug })],
    ["athletes.list", "coach of 200", () => asCoach.athletes.list({ orgSlug })],
    ["weeks.get", "coach of 200", () => asCoach.weeks.get({ orgSlug, athleteId, weekStart: currentMonday() })],
  ];
  const counts: StatementCount[] = [];
  try {
    for (const [endpoint, caller, call] of endpoints) {
      // As a request makes the call: the request context's session lookup first (context.ts).
      const user = caller === "athlete" ? bench.athlete : bench.coach;
      const request = async () => {
        await findSessionAccount(counted.db, sessionOf(user.id));
        await call();
      };
      await request();
      const before = statements;
      await request();
      counts.push({ endpoint, caller, statements: statements - before });
    }
  } finally {
    await counted.close();
  }
  return counts;
}
