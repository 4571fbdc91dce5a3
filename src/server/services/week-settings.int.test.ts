/**
 * Season phases against a real PostgreSQL (ADR 016): which settings judge a week across phase
 * boundaries, that a phase change re-judges the cached roster weeks, that phases cannot overlap, and
 * who may write races and phases.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { createCaller } from "~/server/api/root";
import { athletes, runs, trainingPhases, weekDigests } from "~/server/db/schema";
import { withTenant } from "~/server/db/tenant";
import type { SessionUser } from "~/server/data/users";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { contextFor } from "~/test/sessions";
import { now as clockNow, todayUtc } from "~/lib/clock";
import { settingsForWeeks } from "./week-settings";
import { calendarForToken } from "./calendar";
import { rosterFor } from "./roster";

const DAY_MS = 86_400_000;
const BUILD = { bands: { qualityMax: 0.35, aerobic: [0.55, 0.8] as [number, number] } };

describe("season phases", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.app.db, user));
  const inOrg = <T>(work: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(t.db, { orgId: a.orgId, userId: null }, work);
  // Fixture users live in UTC with weeks from Monday.
  const thisWeek = () => weekStartFor(todayUtc(), "monday");
  const lastWeek = () => addDays(thisWeek(), -7);

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Season");
    b = await createOrgFixture(t.db, "Other");
    await inOrg(async (tx) => {
      await tx
        .update(athletes)
        .set({ createdAt: new Date(clockNow().getTime() - 70 * DAY_MS) })
        .where(eq(athletes.orgId, a.orgId));
      // The fixture's phase is far away; these tests lay out their own.
      await tx.delete(trainingPhases).where(eq(trainingPhases.orgId, a.orgId));
      // Last week holds only these runs (the fixture's are dated in November 2026): 33 % quality (tempo 30 of 90 minutes), 56 % aerobic, 11 % recovery.
      const run = (day: number, kind: "recovery" | "aerobic" | "tempo", minutes: number, rpe: number) => ({
        orgId: a.orgId,
        athleteId: a.athleteIds.athlete1,
        startedAt: new Date(`${addDays(lastWeek(), day)}T07:00:00Z`),
        localDate: addDays(lastWeek(), day),
        kind,
        durationS: minutes * 60,
        distanceM: minutes * 180,
        rpe,
      });
      await tx
        .delete(runs)
        .where(
          and(
            eq(runs.orgId, a.orgId),
            eq(runs.athleteId, a.athleteIds.athlete1),
            gte(runs.localDate, lastWeek()),
            lte(runs.localDate, addDays(lastWeek(), 6)),
          ),
        );
      await tx.insert(runs).values([run(0, "recovery", 10, 2), run(2, "aerobic", 50, 4), run(4, "tempo", 30, 7)]);
    });
  });

  const lastWeekFlags = async () => {
    const overview = await as(a.users.coach).athletes.overview({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      weeks: 4,
    });
    const week = overview.weeks.find((w) => w.weekStart === lastWeek())!;
    return { codes: week.evaluation.flags.map((f) => f.code), phaseName: week.phaseName, judgedBy: week.judgedBy };
  };

  it("judges a 33 % quality week by the build phase holding it, and by the athlete's settings outside it", async () => {
    const outside = await lastWeekFlags();
    expect(outside.phaseName).toBeNull();
    expect(outside.codes).toContain("quality_high");

    const coach = as(a.users.coach);
    const { id } = await coach.season.savePhase({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      phaseId: null,
      phase: { name: "build", startDate: addDays(lastWeek(), -14), endDate: addDays(lastWeek(), 6), settings: BUILD },
    });
    const inside = await lastWeekFlags();
    expect(inside.phaseName).toBe("build");
    expect(inside.judgedBy.bands.qualityMax).toBe(0.35);
    expect(inside.codes).not.toContain("quality_high");
    expect(inside.codes).not.toContain("aerobic_low");

    // Moved away: the week is judged by the athlete's settings again.
    await coach.season.savePhase({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      phaseId: id,
      phase: { name: "build", startDate: addDays(lastWeek(), -21), endDate: addDays(lastWeek(), -1), settings: BUILD },
    });
    expect((await lastWeekFlags()).codes).toContain("quality_high");
    await coach.season.deletePhase({ orgSlug: a.slug, phaseId: id });
  });

  it("resolves organisation < athlete < phase, a straddling week by the phase holding most of its days (tie: the later)", async () => {
    const monday = "2027-06-07";
    await inOrg(async (tx) => {
      await tx
        .update(athletes)
        .set({ trainingSettings: { monotonyMax: 3 } })
        .where(eq(athletes.id, a.athleteIds.athlete1));
      await tx.insert(trainingPhases).values([
        // base to Wednesday 9 June, build from Thursday 10 June: 3 days against 4.
        {
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          name: "base",
          startDate: "2027-05-17",
          endDate: "2027-06-09",
          settings: { bands: { qualityMax: 0.1 } },
        },
        {
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          name: "build",
          startDate: "2027-06-10",
          endDate: "2027-06-17",
          settings: BUILD,
        },
        // After a gap, peak holds 3 days of the week from 21 June.
        {
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          name: "peak",
          startDate: "2027-06-25",
          endDate: "2027-06-27",
          settings: { loadSpikeRatio: 2 },
        },
      ]);
    });
    const resolve = await inOrg(async (tx) => {
      await tx.execute(sql`select 1`);
      const [context] = await tx
        .select({ athleteId: athletes.id, trainingSettings: athletes.trainingSettings })
        .from(athletes)
        .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, a.athleteIds.athlete1)));
      return settingsForWeeks(
        tx,
        { id: a.orgId, trainingSettings: { nearEdge: 0.05 } },
        [context!],
        ["2027-05-31", monday, "2027-06-14", "2027-06-21", "2027-06-28"],
      );
    });
    const of = (weekStart: string) => resolve(a.athleteIds.athlete1, weekStart);
    expect(of("2027-05-31").phase?.name).toBe("base");
    expect(of("2027-05-31").settings.bands.qualityMax).toBe(0.1);
    // Every layer shows through where the one above does not set it.
    expect(of("2027-05-31").settings).toMatchObject({ nearEdge: 0.05, monotonyMax: 3 });
    expect(of(monday).phase?.name).toBe("build");
    expect(of(monday).settings.bands.qualityMax).toBe(0.35);
    // 14–20 June: build holds 4 days (14–17), nothing else: build.
    expect(of("2027-06-14").phase?.name).toBe("build");
    // 21–27 June: only peak (3 days) touches it.
    expect(of("2027-06-21").phase?.name).toBe("peak");
    expect(of("2027-06-21").settings).toMatchObject({ loadSpikeRatio: 2, monotonyMax: 3 });
    expect(of("2027-06-21").settings.bands.qualityMax).toBe(0.3);
    expect(of("2027-06-28").phase).toBeNull();
    expect(of("2027-06-28").settings).toMatchObject({ nearEdge: 0.05, monotonyMax: 3 });
    // A tie of 3 days against 3 (build to Wednesday, peak from Friday): the later phase.
    await inOrg(async (tx) => {
      await tx.delete(trainingPhases).where(eq(trainingPhases.orgId, a.orgId));
      await tx.insert(trainingPhases).values([
        {
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          name: "build",
          startDate: "2027-06-04",
          endDate: "2027-06-09",
        },
        {
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          name: "peak",
          startDate: "2027-06-11",
          endDate: "2027-06-20",
        },
      ]);
    });
    const tie = await inOrg((tx) =>
      settingsForWeeks(
        tx,
        { id: a.orgId, trainingSettings: {} },
        [{ athleteId: a.athleteIds.athlete1, trainingSettings: {} }],
        [monday],
      ),
    );
    expect(tie(a.athleteIds.athlete1, monday).phase?.name).toBe("peak");
    await inOrg(async (tx) => {
      await tx.delete(trainingPhases).where(eq(trainingPhases.orgId, a.orgId));
      await tx.update(athletes).set({ trainingSettings: {} }).where(eq(athletes.id, a.athleteIds.athlete1));
    });
  });

  it("re-judges cached roster weeks when a phase is added, changed or deleted", async () => {
    const coach = as(a.users.coach);
    const roster = () => coach.roster.list({ orgSlug: a.slug });
    const fresh = async () => {
      await inOrg((tx) => tx.delete(weekDigests));
      return roster();
    };
    const tagsOf = (rows: Awaited<ReturnType<typeof roster>>) => JSON.stringify(rows);
    const before = await roster(); // fills the cache
    const version = async () =>
      (
        await inOrg((tx) =>
          tx.select({ v: athletes.trainingVersion }).from(athletes).where(eq(athletes.id, a.athleteIds.athlete1)),
        )
      )[0]!.v;

    const v0 = await version();
    const { id } = await coach.season.savePhase({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      phaseId: null,
      phase: { name: "build", startDate: lastWeek(), endDate: addDays(thisWeek(), 6), settings: BUILD },
    });
    expect(await version()).toBeGreaterThan(v0);
    const served = await roster();
    expect(tagsOf(served)).toBe(tagsOf(await fresh()));
    expect(tagsOf(served)).not.toBe(tagsOf(before));

    const v1 = await version();
    await roster();
    await coach.season.savePhase({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      phaseId: id,
      phase: {
        name: "build",
        startDate: lastWeek(),
        endDate: addDays(thisWeek(), 6),
        settings: { bands: { qualityMax: 0.5 } },
      },
    });
    expect(await version()).toBeGreaterThan(v1);
    expect(tagsOf(await roster())).toBe(tagsOf(await fresh()));

    await roster();
    await coach.season.deletePhase({ orgSlug: a.slug, phaseId: id });
    expect(tagsOf(await roster())).toBe(tagsOf(before));
  });

  it("refuses overlapping phases, in the service and in the database", async () => {
    const coach = as(a.users.coach);
    const phase = (startDate: string, endDate: string) => ({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      phaseId: null,
      phase: { name: "base", startDate, endDate, settings: {} },
    });
    await coach.season.savePhase(phase("2027-09-01", "2027-09-30"));
    await expect(coach.season.savePhase(phase("2027-09-30", "2027-10-10"))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/overlaps the Base phase/),
    });
    // Adjacent is fine.
    await coach.season.savePhase(phase("2027-10-01", "2027-10-10"));
    await expect(
      inOrg((tx) =>
        tx.insert(trainingPhases).values({
          orgId: a.orgId,
          athleteId: a.athleteIds.athlete1,
          name: "sneaky",
          startDate: "2027-09-15",
          endDate: "2027-09-16",
        }),
      ),
    ).rejects.toThrow();
    // Another athlete's season is their own.
    await inOrg((tx) =>
      tx.insert(trainingPhases).values({
        orgId: a.orgId,
        athleteId: a.athleteIds.athlete2,
        name: "base",
        startDate: "2027-09-15",
        endDate: "2027-09-16",
      }),
    );
    // Targets are checked over the athlete's settings.
    await expect(
      coach.season.savePhase({
        ...phase("2028-01-01", "2028-01-31"),
        phase: {
          name: "build",
          startDate: "2028-01-01",
          endDate: "2028-01-31",
          settings: { bands: { aerobic: [0.9, 0.5] } },
        },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets athletes write their own races and coaches their athletes' phases, and nobody else", async () => {
    const race = {
      name: "Spring half",
      date: "2027-04-18",
      distanceM: 21097,
      priority: "A" as const,
      goalTimeS: 5400,
      resultTimeS: null,
      note: "",
    };
    const mine = await as(a.users.athlete2).season.saveRace({ orgSlug: a.slug, raceId: null, race });
    const season = await as(a.users.athlete2).season.get({ orgSlug: a.slug });
    expect(season.races.map((r) => r.id)).toContain(mine.id);
    expect(season).toMatchObject({ canEditRaces: true, canEditPhases: false });

    const refused = async (call: Promise<unknown>, code: string) => {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe(code);
    };
    // Athlete 2 cannot touch athlete 1's race, nor lay out phases (not even their own).
    await refused(as(a.users.athlete2).season.deleteRace({ orgSlug: a.slug, raceId: a.raceId }), "NOT_FOUND");
    await refused(
      as(a.users.athlete2).season.saveRace({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, raceId: null, race }),
      "NOT_FOUND",
    );
    await refused(as(a.users.athlete2).season.saveRace({ orgSlug: a.slug, raceId: a.raceId, race }), "NOT_FOUND");
    await refused(
      as(a.users.athlete2).season.savePhase({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete2,
        phaseId: null,
        phase: { name: "base", startDate: "2027-01-04", endDate: "2027-01-10", settings: {} },
      }),
      "FORBIDDEN",
    );
    // The coach of athlete 1 does not coach athlete 2.
    await refused(as(a.users.coach).season.deleteRace({ orgSlug: a.slug, raceId: mine.id }), "NOT_FOUND");
    await refused(
      as(a.users.coach).season.savePhase({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete2,
        phaseId: null,
        phase: { name: "base", startDate: "2027-01-04", endDate: "2027-01-10", settings: {} },
      }),
      "NOT_FOUND",
    );
    // Another organisation's coach sees nothing.
    await refused(as(b.users.coach).season.get({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 }), "NOT_FOUND");
    // A's coach may edit athlete 1's race.
    await as(a.users.coach).season.saveRace({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      raceId: a.raceId,
      race: { ...race, name: "City 10K", distanceM: 10000, resultTimeS: 2520 },
    });
  });

  it("makes a race result the athlete's race for paces, on request", async () => {
    const athlete = as(a.users.athlete1);
    const result = await athlete.season.useRaceForPaces({ orgSlug: a.slug, raceId: a.raceId });
    expect(result.vdot).toBeGreaterThan(40);
    const [row] = await inOrg((tx) =>
      tx
        .select({ d: athletes.raceDistanceM, s: athletes.raceTimeS })
        .from(athletes)
        .where(eq(athletes.id, a.athleteIds.athlete1)),
    );
    expect(row).toEqual({ d: 10000, s: 2520 });
    const season = await athlete.season.get({ orgSlug: a.slug });
    expect(season.pacesRace).toEqual({ distanceM: 10000, timeS: 2520 });
  });

  it("shows a race ahead on the roster and in the athlete's calendar feed", async () => {
    const date = addDays(todayUtc(), 21);
    await as(a.users.athlete1).season.saveRace({
      orgSlug: a.slug,
      raceId: null,
      race: {
        name: "Harbour 10K",
        date,
        distanceM: 10000,
        priority: "A",
        goalTimeS: 2640,
        resultTimeS: null,
        note: "",
      },
    });
    const rows = await inOrg((tx) =>
      rosterFor(
        tx,
        { id: a.orgId, trainingSettings: {}, trainingVersion: 0 },
        {
          userId: a.users.coach.id,
          role: "coach",
          athleteId: null,
        },
        clockNow(),
      ),
    );
    expect(rows.find((r) => r.athleteId === a.athleteIds.athlete1)?.race).toBe("A race in 3 weeks");
    const { path } = await as(a.users.athlete1).calendarFeeds.create({ orgSlug: a.slug });
    const ics = await calendarForToken(t.db, path.split("/").pop()!, clockNow());
    expect(ics).toContain("A race · Harbour 10K · 10.0 km");
    expect(ics).toContain(`DTSTART;VALUE=DATE:${date.replaceAll("-", "")}`);
  });
});
