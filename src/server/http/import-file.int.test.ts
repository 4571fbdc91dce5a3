import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseActivityFile, type ParseResult } from "~/server/activity-import";
import { ParsePool } from "~/server/activity-import/parse-pool";
import { createCaller } from "~/server/api/root";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { startTsWorker } from "~/test/ts-worker";
import { importFile } from "./import-file";
import { contextFor, sessionOf } from "~/test/sessions";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../activity-import/fixtures/${name}`, import.meta.url)));
const parse = async (fileName: string, bytes: Uint8Array) => parseActivityFile({ fileName, bytes });

describe("importing device files", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  const upload = (
    who: OrgFixture["users"]["athlete1"],
    fileName: string,
    bytes: Uint8Array,
    org = a,
    athleteId: string | null = null,
  ) =>
    importFile(
      t.app.db,
      {
        userId: who.id,
        sessionSecret: sessionOf(who.id),
        orgSlug: org.slug,
        athleteId,
        fileName,
        body: async () => bytes,
      },
      parse,
    );

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    b = await createOrgFixture(t.db, "Bravo");
  });

  it("reads a FIT file into a draft, and the same file twice into one", async () => {
    const first = await upload(a.users.athlete1, "plain-run.fit", fixture("plain-run.fit"));
    expect(first).toMatchObject({ status: 200, body: { ok: true, runs: [{ duplicate: false }] } });
    const again = await upload(a.users.athlete1, "copy-of-plain-run.fit", fixture("plain-run.fit"));
    expect(again).toMatchObject({ status: 200, body: { ok: true, runs: [{ duplicate: true }] } });
    const pending = await createCaller(contextFor(t.db, a.users.athlete1)).imports.pending({ orgSlug: a.slug });
    expect(pending.filter((p) => p.fileName === "plain-run.fit")).toHaveLength(1);
  });

  it("imports the running parts of a multisport file and says what it skipped", async () => {
    const result = await upload(a.users.athlete1, "multisport.fit", fixture("multisport.fit"));
    expect(result.status).toBe(200);
    if (result.status !== 200) return;
    expect(result.body.runs.length).toBe(2);
    expect(result.body.skipped.join(" ")).toMatch(/cycling/);
  });

  it("refuses files that hold no run, unreadable files and files that are too large, naming them", async () => {
    expect(await upload(a.users.athlete1, "bike.tcx", fixture("bike.tcx"))).toMatchObject({
      status: 400,
      body: { ok: false, error: expect.stringContaining("bike.tcx") },
    });
    expect(
      await upload(a.users.athlete1, "notes.fit", new TextEncoder().encode("not a fit file at all")),
    ).toMatchObject({
      status: 400,
      body: { ok: false, error: expect.stringContaining("notes.fit") },
    });
    expect(await upload(a.users.athlete1, "huge.fit", new Uint8Array(26 * 1024 * 1024))).toMatchObject({ status: 413 });
    const points = Array.from(
      { length: 4 },
      (_, i) => `<trkpt lat="${52 + i * 0.0003}" lon="5"><time>2024-07-01T06:00:${10 + i * 10}Z</time></trkpt>`,
    );
    const tiny = new TextEncoder().encode(`<gpx><trk><trkseg>${points.join("")}</trkseg></trk></gpx>`);
    expect(await upload(a.users.athlete1, "tiny.gpx", tiny)).toEqual({
      status: 400,
      body: { fileName: "tiny.gpx", ok: false, error: '"tiny.gpx" holds no run (only a fragment of 30 s and 100 m).' },
    });
  });

  it("lets coaches import for their athletes only, never across organisations", async () => {
    expect((await upload(a.users.coach, "run.gpx", fixture("run-with-hr.gpx"), a, a.athleteIds.athlete1)).status).toBe(
      200,
    );
    expect((await upload(a.users.coach, "run.gpx", fixture("run-with-hr.gpx"), a, a.athleteIds.athlete2)).status).toBe(
      404,
    );
    expect((await upload(b.users.owner, "run.gpx", fixture("run-with-hr.gpx"), a, a.athleteIds.athlete1)).status).toBe(
      404,
    );
    expect(
      (await upload(a.users.athlete2, "run.gpx", fixture("run-with-hr.gpx"), a, a.athleteIds.athlete1)).status,
    ).toBe(404);
  });

  it("reads and parses nothing for a caller who may not import for that athlete", async () => {
    const touched: string[] = [];
    const attempt = (who: OrgFixture["users"]["athlete1"], org: OrgFixture, athleteId: string | null) =>
      importFile(
        t.app.db,
        {
          userId: who.id,
          sessionSecret: sessionOf(who.id),
          orgSlug: org.slug,
          athleteId,
          fileName: "bomb.gpx.gz",
          body: async () => {
            touched.push("body");
            return fixture("run-with-hr.gpx.gz");
          },
        },
        async (fileName, bytes) => {
          touched.push("parse");
          return parse(fileName, bytes);
        },
      );
    expect((await attempt(b.users.owner, a, a.athleteIds.athlete1)).status).toBe(404); // another organisation
    expect((await attempt(a.users.coach, a, a.athleteIds.athlete2)).status).toBe(404); // not their athlete
    expect((await attempt(a.users.athlete2, a, a.athleteIds.athlete1)).status).toBe(404); // a teammate
    expect(touched).toEqual([]);
    expect((await attempt(a.users.athlete1, a, null)).status).toBe(200);
    expect(touched).toEqual(["body", "parse"]);
  });

  it("refuses a user's file beyond what the parsers queue for them, saying why", async () => {
    const pool = new ParsePool({
      size: 1,
      budgetMs: 60_000,
      maxPerOwner: 1,
      maxQueuedBytes: 1024 * 1024,
      maxHeapMb: 512,
      spawn: (resourceLimits) =>
        startTsWorker(new URL("../activity-import/parse-worker.ts", import.meta.url), { resourceLimits }),
    });
    const viaPool = (fileName: string, bytes: Uint8Array, owner: string): Promise<ParseResult> =>
      pool.parse(owner, fileName, bytes);
    const send = (fileName: string) =>
      importFile(
        t.app.db,
        {
          userId: a.users.athlete1.id,
          sessionSecret: sessionOf(a.users.athlete1.id),
          orgSlug: a.slug,
          athleteId: null,
          fileName,
          body: async () => fixture("paused-run.fit"),
        },
        viaPool,
      );
    try {
      const [first, second] = await Promise.all([send("first.fit"), send("second.fit")]);
      expect([first.status, second.status].sort()).toEqual([200, 429]);
      const refused = first.status === 429 ? first : second;
      expect(refused.body).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^"(first|second)\.fit" was not read: 1 of your files are already being read/),
      });
    } finally {
      await pool.close();
    }
  });

  it("turns a confirmed import into a run with the device's numbers and the same feedback as a logged one", async () => {
    const result = await upload(a.users.athlete2, "treadmill.fit", fixture("treadmill-run.fit"));
    expect(result.status).toBe(200);
    const caller = createCaller(contextFor(t.db, a.users.athlete2));
    const [draft] = await caller.imports.pending({ orgSlug: a.slug });
    const saved = await caller.imports.confirm({ orgSlug: a.slug, importId: draft!.id, kind: "recovery", rpe: 6 });
    expect(saved.run).toMatchObject({
      source: "import",
      kind: "recovery",
      rpe: 6,
      durationS: draft!.movingS,
      distanceM: draft!.distanceM,
    });
    expect(saved.feedback!.runFlags.map((f) => f.code)).toContain("recovery_too_hard");
    expect(await caller.imports.pending({ orgSlug: a.slug })).toHaveLength(0);
    await expect(
      caller.imports.confirm({ orgSlug: a.slug, importId: draft!.id, kind: "recovery", rpe: 2 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const [row] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from runs where source = 'import' and org_id = ${a.orgId}`,
    );
    expect(row!.n).toBe(1);
  });

  it("tells the athlete when their coach imported runs that wait for their RPE, never of their own import", async () => {
    const c = await createOrgFixture(t.db, "Charlie"); // nothing imported there yet
    const pendingRpe = () =>
      t.db.execute<{ recipient_user_id: string; title: string; link: string }>(
        sql`select recipient_user_id, title, link from notifications where kind = 'rpe_pending' and org_id = ${c.orgId}`,
      );
    await upload(c.users.athlete1, "treadmill-run.fit", fixture("treadmill-run.fit"), c);
    expect(await pendingRpe()).toHaveLength(0);
    const byCoach = await upload(c.users.coach, "plain-run.fit", fixture("plain-run.fit"), c, c.athleteIds.athlete1);
    expect(byCoach).toMatchObject({ status: 200, body: { ok: true } });
    expect(await pendingRpe()).toEqual([
      {
        recipient_user_id: c.users.athlete1.id,
        title: `${c.users.coach.name} imported 1 run for you`,
        link: `/o/${c.slug}`,
      },
    ]);
    // The same file again is a duplicate: nothing new waits, nobody is told again.
    await upload(c.users.coach, "again.fit", fixture("plain-run.fit"), c, c.athleteIds.athlete1);
    expect(await pendingRpe()).toHaveLength(1);
  });
});
