import { Decoder, Stream } from "@garmin/fitsdk";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkoutStructure } from "~/domain/training/workout-structure";
import { athletePaces, namedPaceRange } from "~/domain/training/workout-paces";
import { createCaller } from "~/server/api/root";
import { athletes, plannedSessions, plannedWeeks, runs } from "~/server/db/schema";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor, sessionOf } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { readFileSync } from "node:fs";
import { parseActivityFile } from "~/server/activity-import";
import { importFile } from "./import-file";
import { downloadWorkout } from "./workout-file";

/** 1 km warm-up at E, 2 × (800 m at I, 400 m jog), by the athlete's own paces. */
const structure: WorkoutStructure = {
  items: [
    { kind: "step", intent: "warmup", amount: { type: "distance", meters: 1000 }, target: { type: "pace", pace: "E" } },
    {
      kind: "repeat",
      times: 2,
      steps: [
        {
          kind: "step",
          intent: "work",
          amount: { type: "distance", meters: 800 },
          target: { type: "pace", pace: "I" },
        },
        { kind: "step", intent: "recovery", amount: { type: "distance", meters: 400 }, target: { type: "open" } },
      ],
    },
  ],
};

const RACE = { distanceM: 5000, timeS: 20 * 60 };
const AT = new Date("2026-11-01T08:00:00Z");

describe("FIT workout downloads and lap compliance", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  let draftSessionId: string;

  const download = (who: OrgFixture["users"]["athlete1"], sessionId: string, org = a) =>
    downloadWorkout(t.app.db, { userId: who.id, sessionSecret: sessionOf(who.id), orgSlug: org.slug, sessionId }, AT);

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    b = await createOrgFixture(t.db, "Bravo");
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select app.act_as(${a.users.coach.id}::uuid, ${a.orgId}::uuid)`);
      await tx
        .update(plannedSessions)
        .set({ structure, kind: "intervals" })
        .where(and(eq(plannedSessions.orgId, a.orgId), eq(plannedSessions.id, a.plannedSessionId)));
      await tx
        .update(athletes)
        .set({ raceDistanceM: RACE.distanceM, raceTimeS: RACE.timeS })
        .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, a.athleteIds.athlete1)));
      const [draft] = await tx
        .insert(plannedWeeks)
        .values({ orgId: a.orgId, athleteId: a.athleteIds.athlete1, weekStart: "2026-11-09", status: "draft" })
        .returning();
      const [session] = await tx
        .insert(plannedSessions)
        .values({
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          weekId: draft!.id,
          date: "2026-11-10",
          kind: "intervals",
          durationMin: 40,
          structure,
        })
        .returning();
      draftSessionId = session!.id;
    });
  });

  it("the athlete downloads their published session as a FIT workout with their own I pace", async () => {
    const outcome = await download(a.users.athlete1, a.plannedSessionId);
    expect(outcome.status).toBe(200);
    if (outcome.status !== 200) return;
    expect(outcome.fileName).toBe("runbalance-2026-11-03-intervals.fit");
    const { messages, errors } = new Decoder(Stream.fromByteArray(outcome.bytes)).read();
    expect(errors).toEqual([]);
    expect(messages.fileIdMesgs?.[0]?.type).toBe("workout");
    const steps = messages.workoutStepMesgs ?? [];
    expect(steps.map((s) => s.durationType)).toEqual(["distance", "distance", "distance", "repeatUntilStepsCmplt"]);
    const i = namedPaceRange("I", athletePaces(RACE)!);
    expect(Math.round(1000 / Number(steps[1]?.customTargetSpeedHigh))).toBe(i.fastSPerKm);
    expect(Math.round(1000 / Number(steps[1]?.customTargetSpeedLow))).toBe(i.slowSPerKm);
    expect(steps[3]).toMatchObject({ durationStep: 1, repeatSteps: 2 });
  });

  it("their coach may download it, drafts too; the athlete sees no draft", async () => {
    expect((await download(a.users.coach, a.plannedSessionId)).status).toBe(200);
    expect((await download(a.users.coach, draftSessionId)).status).toBe(200);
    expect(await download(a.users.athlete1, draftSessionId)).toMatchObject({ status: 404 });
  });

  it("anyone else gets 404: a teammate, another organisation's members, a made-up id", async () => {
    expect(await download(a.users.athlete2, a.plannedSessionId)).toMatchObject({ status: 404 });
    expect(await download(b.users.coach, a.plannedSessionId, b)).toMatchObject({ status: 404 });
    expect(await download(b.users.owner, a.plannedSessionId, a)).toMatchObject({ status: 404 });
    expect(await download(a.users.athlete1, "00000000-0000-4000-8000-000000000000")).toMatchObject({ status: 404 });
  });

  it("a session without steps has nothing for a watch", async () => {
    expect(await download(b.users.athlete1, b.plannedSessionId, b)).toMatchObject({
      status: 404,
      message: expect.stringContaining("no steps"),
    });
  });

  it("an imported run's laps are compared with the session's steps on the run's page", async () => {
    const laps = [
      { durationS: 330, distanceM: 1000, avgHeartRate: 140 },
      { durationS: 190, distanceM: 800, avgHeartRate: 170 },
      { durationS: 150, distanceM: 400, avgHeartRate: 150 },
      { durationS: 194, distanceM: 805, avgHeartRate: 172 },
      { durationS: 150, distanceM: 400, avgHeartRate: 150 },
    ];
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select app.act_as(${a.users.athlete1.id}::uuid, ${a.orgId}::uuid)`);
      await tx
        .update(runs)
        .set({ laps, plannedSessionId: a.plannedSessionId, source: "import" })
        .where(and(eq(runs.orgId, a.orgId), eq(runs.id, a.runIds.public1)));
    });
    const run = await createCaller(contextFor(t.app.db, a.users.athlete1)).runs.get({
      orgSlug: a.slug,
      runId: a.runIds.public1,
    });
    expect(run.lapCompliance?.blocks).toEqual([
      expect.objectContaining({ planned: 2, done: 2, avgSeconds: 192, verdict: "within" }),
    ]);
    // A run logged by hand (no laps) compares on duration only.
    const logged = await createCaller(contextFor(t.app.db, a.users.athlete1)).runs.get({
      orgSlug: a.slug,
      runId: a.runIds.private1,
    });
    expect(logged.lapCompliance).toBeNull();
  });

  it("a device file's laps go with the draft and stay with the run once confirmed", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("../activity-import/fixtures/run-with-hr.tcx", import.meta.url)));
    const uploaded = await importFile(
      t.app.db,
      {
        userId: a.users.athlete1.id,
        sessionSecret: sessionOf(a.users.athlete1.id),
        orgSlug: a.slug,
        athleteId: null,
        fileName: "run-with-hr.tcx",
        body: async () => bytes,
      },
      async (fileName, data) => parseActivityFile({ fileName, bytes: data }),
    );
    expect(uploaded.status).toBe(200);
    if (uploaded.status !== 200) return;
    const confirmed = await createCaller(contextFor(t.app.db, a.users.athlete1)).imports.confirm({
      orgSlug: a.slug,
      importId: uploaded.body.runs[0]!.id,
      kind: "aerobic",
      rpe: 4,
    });
    const [row] = await t.db.execute<{ laps: unknown }>(
      sql`select laps from runs where org_id = ${a.orgId} and id = ${confirmed.run.id}`,
    );
    expect(row?.laps).toEqual([
      { durationS: 300, distanceM: 1000, avgHeartRate: 145 },
      { durationS: 330, distanceM: 1100, avgHeartRate: 155 },
    ]);
  });
});
