import { describe, expect, it } from "vitest";
import { StatementLog } from "./tenant-joins";

const TENANT = new Set(["athletes", "runs", "comments", "planned_weeks"]);
const ORG = "0b9c1a52-8c1e-4d1e-9a52-1d2c3b4a5f60";

async function violationsOf(query: string, params: unknown[] = []) {
  const log = new StatementLog();
  log.record(query, params);
  return (await log.violations(TENANT)).map((v) => v.tables);
}

describe("tenant joins (Citus readiness of emitted SQL)", () => {
  it("accepts joins that equate org_id, directly or through the same value", async () => {
    expect(
      await violationsOf(
        `select "runs"."id" from "runs" inner join "athletes" on ("athletes"."org_id" = "runs"."org_id" and "athletes"."id" = "runs"."athlete_id") where "runs"."org_id" = $1`,
        [ORG],
      ),
    ).toEqual([]);
    expect(
      await violationsOf(
        `select 1 from runs r, athletes a where r.org_id = $1 and a.org_id = $2 and r.athlete_id = a.id`,
        [ORG, ORG],
      ),
    ).toEqual([]);
    expect(await violationsOf(`select 1 from runs where org_id = $1`, [ORG])).toEqual([]);
    // Global tables (users) do not count.
    expect(await violationsOf(`select 1 from comments c join users u on u.id = c.author_user_id`)).toEqual([]);
  });

  it("flags a join on ids alone, or on two different organisations", async () => {
    expect(
      await violationsOf(`select 1 from runs r join athletes a on a.id = r.athlete_id where r.org_id = $1`, [ORG]),
    ).toEqual([["runs", "athletes"]]);
    expect(
      await violationsOf(`select 1 from runs r, athletes a where r.org_id = $1 and a.org_id = $2`, [ORG, "another"]),
    ).toEqual([["runs", "athletes"]]);
  });

  it("follows correlated subqueries, lateral joins, updates and deletes", async () => {
    expect(
      await violationsOf(
        `select a.id, (select count(*) from runs r where r.athlete_id = a.id) from athletes a where a.org_id = $1`,
        [ORG],
      ),
    ).toEqual([["runs", "athletes"]]);
    expect(
      await violationsOf(
        `select a.id from athletes a, lateral (select 1 from runs r where r.org_id = a.org_id and r.athlete_id = a.id) x where a.org_id = $1`,
        [ORG],
      ),
    ).toEqual([]);
    expect(await violationsOf(`update runs set rpe = 3 from athletes where runs.athlete_id = athletes.id`)).toEqual([
      ["runs", "athletes"],
    ]);
    expect(
      await violationsOf(
        `delete from comments using runs where comments.run_id = runs.id and comments.org_id = runs.org_id`,
      ),
    ).toEqual([]);
  });
});
