/**
 * The coach's tools against a real PostgreSQL: the roster (the engine's numbers, and a constant number
 * of queries whatever its size), the week builder's optimistic locking, templates, comments and
 * training settings. Data is laid out relative to today, as the app reads "now" from the clock.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, DEFAULT_SETTINGS, evaluateWeek, weekStartFor } from "~/domain/rules";
import { flagsSoFar, rankFlags } from "~/domain/training/flags";
import { complianceSummary } from "~/domain/training/roster";
import { weekInputFor } from "~/domain/training/week-input";
import { connect, type Connection, type Database } from "~/server/db/connection";
import {
  athletes,
  excusedDays,
  memberships,
  organizations,
  plannedSessions,
  plannedWeeks,
  runs,
  users,
} from "~/server/db/schema";
import { setOrganisation } from "~/server/db/tenant";
import { findSessionUser, type SessionUser } from "~/server/data/users";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { refusal } from "~/test/refusal";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";
import { contextFor, openSession } from "~/test/sessions";
import { now, todayUtc } from "~/lib/clock";

const today = todayUtc(); // fixture users live in UTC
const thisWeek = weekStartFor(today, "monday");
const nextWeek = addDays(thisWeek, 7);
const DAY_MS = 86_400_000;

type Kind = "recovery" | "aerobic" | "long" | "tempo" | "intervals" | "hills" | "race";
interface PlanSpec {
  day: number;
  kind: Kind;
  min: number;
  /** What was run: minutes and RPE, or undefined for a session not (yet) done. */
  ran?: [number, number];
}

/** A drifting week: recovery runs too hard, one missed session, one run nobody planned. */
const DRIFTING_WEEK: PlanSpec[] = [
  { day: 0, kind: "recovery", min: 30, ran: [32, 5] },
  { day: 1, kind: "intervals", min: 50, ran: [50, 8] },
  { day: 2, kind: "aerobic", min: 45, ran: [44, 5] },
  { day: 3, kind: "recovery", min: 25 },
  { day: 4, kind: "aerobic", min: 40, ran: [30, 6] },
  { day: 5, kind: "long", min: 80, ran: [85, 5] },
];

/**
 * Writes published weeks (plans and the runs that fulfilled them) for several athletes at once, as the
 * migrating role, in a handful of bulk inserts. Runs dated today or later are left out (not run yet).
 */
async function writeWeeks(db: Database, orgId: string, athleteIds: string[], weekStarts: string[], plan: PlanSpec[]) {
  await db.transaction(async (tx) => {
    await setOrganisation(tx, orgId);
    const weekRows = await tx
      .insert(plannedWeeks)
      .values(
        athleteIds.flatMap((athleteId) =>
          weekStarts.map((weekStart) => ({ orgId, athleteId, weekStart, status: "published" as const })),
        ),
      )
      .returning({ id: plannedWeeks.id, athleteId: plannedWeeks.athleteId, weekStart: plannedWeeks.weekStart });
    const sessions = await tx
      .insert(plannedSessions)
      .values(
        weekRows.flatMap((w) =>
          plan.map((p, position) => ({
            orgId,
            athleteId: w.athleteId,
            weekId: w.id,
            date: addDays(w.weekStart, p.day),
            kind: p.kind,
            durationMin: p.min,
            position,
          })),
        ),
      )
      .returning({
        id: plannedSessions.id,
        date: plannedSessions.date,
        athleteId: plannedSessions.athleteId,
        position: plannedSessions.position,
      });
    const runRows = sessions.flatMap((s) => {
      const ran = plan[s.position]!.ran;
      if (!ran || s.date >= today) return [];
      return [
        {
          orgId,
          athleteId: s.athleteId,
          startedAt: new Date(`${s.date}T07:00:00Z`),
          localDate: s.date,
          kind: plan[s.position]!.kind,
          durationS: ran[0] * 60,
          distanceM: ran[0] * 180,
          rpe: ran[1],
          plannedSessionId: s.id,
        },
      ];
    });
    // An extra easy run nobody planned, on the last day of each week.
    const extra = athleteIds.flatMap((athleteId) =>
      weekStarts
        .map((w) => addDays(w, 6))
        .filter((d) => d < today)
        .map((d) => ({
          orgId,
          athleteId,
          startedAt: new Date(`${d}T08:00:00Z`),
          localDate: d,
          kind: "recovery" as const,
          durationS: 1500,
          distanceM: 4000,
          rpe: 2,
        })),
    );
    for (let i = 0; i < runRows.length + extra.length; i += 2000)
      await tx.insert(runs).values([...runRows, ...extra].slice(i, i + 2000));
  });
}

/** An organisation with an owner and `count` athletes, built with bulk inserts. */
async function bulkOrganisation(db: Database, label: string, count: number) {
  const suffix = randomUUID().slice(0, 8);
  const orgId = randomUUID();
  const ids = await db.transaction(async (tx) => {
    await setOrganisation(tx, orgId);
    await tx.insert(organizations).values({ id: orgId, slug: `${label}-${suffix}`, name: label });
    const people = await tx
      .insert(users)
      .values(
        Array.from({ length: count + 1 }, (_, i) => ({
          email: `p${i}.${label}.${suffix}@example.com`,
          name: `${label} ${i}`,
          passwordHash: "unused",
        })),
      )
      .returning({ id: users.id });
    await tx
      .insert(memberships)
      .values(
        people.map((p, i) => ({ orgId, userId: p.id, role: i === 0 ? ("owner" as const) : ("athlete" as const) })),
      );
    const rows = await tx
      .insert(athletes)
      .values(
        people.slice(1).map((p, i) => ({
          orgId,
          userId: p.id,
          displayName: `Runner ${String(i).padStart(3, "0")}`,
          createdAt: new Date(now().getTime() - 70 * DAY_MS),
        })),
      )
      .returning({ id: athletes.id });
    return { ownerId: people[0]!.id, athleteIds: rows.map((r) => r.id) };
  });
  const weekStarts = [0, 1, 2, 3, 4].map((i) => addDays(thisWeek, -7 * i));
  await writeWeeks(db, orgId, ids.athleteIds, weekStarts, DRIFTING_WEEK);
  return {
    orgId,
    slug: `${label}-${suffix}`,
    owner: (await openSession(db, ids.ownerId), (await findSessionUser(db, ids.ownerId))!),
    athleteIds: ids.athleteIds,
  };
}

describe("coaching: roster, week builder, templates, comments, settings", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser | null) => createCaller(contextFor(t.db, user));

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Coaching");
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      // Joined long ago, so load ratios can be computed; this file lays out its own weeks.
      await tx
        .update(athletes)
        .set({ createdAt: new Date(now().getTime() - 70 * DAY_MS) })
        .where(eq(athletes.orgId, a.orgId));
      await tx.delete(plannedWeeks).where(eq(plannedWeeks.orgId, a.orgId));
    });
    const weekStarts = [0, 1, 2, 3, 4].map((i) => addDays(thisWeek, -7 * i));
    await writeWeeks(t.db, a.orgId, [a.athleteIds.athlete1], weekStarts, DRIFTING_WEEK);
  });

  describe("roster", () => {
    it("shows the coach their own athletes, the owner everyone, and refuses athletes", async () => {
      expect((await as(a.users.coach).roster.list({ orgSlug: a.slug })).map((r) => r.athleteId)).toEqual([
        a.athleteIds.athlete1,
      ]);
      expect((await as(a.users.owner).roster.list({ orgSlug: a.slug })).map((r) => r.athleteId).sort()).toEqual(
        [a.athleteIds.athlete1, a.athleteIds.athlete2].sort(),
      );
      expect((await refusal(as(a.users.athlete1).roster.list({ orgSlug: a.slug }))).code).toBe("FORBIDDEN");
    });

    it("lists athletes with their coaches and last run, as the coach, the owner and the athlete see them", async () => {
      const [coached] = await as(a.users.coach).athletes.list({ orgSlug: a.slug });
      const lastRun = (
        await t.db
          .select({ d: runs.localDate })
          .from(runs)
          .where(and(eq(runs.orgId, a.orgId), eq(runs.athleteId, a.athleteIds.athlete1)))
      )
        .map((r) => r.d)
        .sort()
        .at(-1);
      expect(coached).toMatchObject({
        athleteId: a.athleteIds.athlete1,
        coaches: [{ userId: a.users.coach.id, name: a.users.coach.name }],
        lastRunOn: lastRun,
      });
      const everyone = await as(a.users.owner).athletes.list({ orgSlug: a.slug });
      expect(everyone.find((x) => x.athleteId === a.athleteIds.athlete2)).toMatchObject({ coaches: [] });
      expect(await as(a.users.athlete1).athletes.list({ orgSlug: a.slug })).toEqual([coached]);
    });

    it("reports exactly the engine's verdict on the same rows", async () => {
      const [row] = await as(a.users.coach).roster.list({ orgSlug: a.slug });
      const athleteId = a.athleteIds.athlete1;
      const storedRuns = await t.db
        .select()
        .from(runs)
        .where(and(eq(runs.orgId, a.orgId), eq(runs.athleteId, athleteId)));
      const storedPlan = await t.db
        .select({
          id: plannedSessions.id,
          date: plannedSessions.date,
          kind: plannedSessions.kind,
          durationMin: plannedSessions.durationMin,
          distanceM: plannedSessions.distanceM,
        })
        .from(plannedSessions)
        .innerJoin(
          plannedWeeks,
          and(eq(plannedWeeks.orgId, plannedSessions.orgId), eq(plannedWeeks.id, plannedSessions.weekId)),
        )
        .where(
          and(
            eq(plannedSessions.orgId, a.orgId),
            eq(plannedSessions.athleteId, athleteId),
            eq(plannedWeeks.status, "published"),
          ),
        );
      const [athlete] = await t.db
        .select()
        .from(athletes)
        .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, athleteId)));
      // Days the athlete could not train (the fixture marks one) are excused, as the roster reads them.
      const excused = await t.db
        .select({ date: excusedDays.date, reason: excusedDays.reason })
        .from(excusedDays)
        .where(and(eq(excusedDays.orgId, a.orgId), eq(excusedDays.athleteId, athleteId)));
      const weekStarts = [4, 3, 2, 1, 0].map((i) => addDays(thisWeek, -7 * i));
      const evaluations = weekStarts.map((weekStart) =>
        evaluateWeek(
          weekInputFor({
            weekStart,
            asOf: today,
            settings: DEFAULT_SETTINGS,
            runs: storedRuns,
            planned: storedPlan,
            historyFrom: athlete!.createdAt.toISOString().slice(0, 10),
            excused,
          }),
        ),
      );

      expect(row!.weeks.map((w) => w.weekStart)).toEqual(weekStarts);
      row!.weeks.forEach((week, i) => {
        expect(week.label).toEqual(evaluations[i]!.actual.proportions);
        expect(week.effort).toEqual(evaluations[i]!.actual.effortProportions);
        expect(week.plan).toEqual(evaluations[i]!.plan?.proportions ?? null);
      });
      expect(row!.compliance).toEqual(complianceSummary(evaluations.flatMap((e) => e.compliance)));
      // The week in progress is not judged on its mix yet.
      const expectedFlags = rankFlags([
        { weekStart: weekStarts[3]!, flags: evaluations[3]!.flags },
        { weekStart: weekStarts[4]!, flags: flagsSoFar(evaluations[4]!.flags) },
      ]);
      expect(row!.flags).toEqual(expectedFlags);
      // The drift this data was built with is what the coach reads first.
      expect(row!.flags[0]?.code).toBe("recovery_too_hard");
      const inThisWeek = (date: string) => date >= thisWeek && date <= addDays(thisWeek, 6);
      expect(row!.thisWeek.plannedMin).toBe(
        storedPlan.filter((p) => inThisWeek(p.date)).reduce((s, p) => s + (p.durationMin ?? 0), 0),
      );
      expect(row!.thisWeek.doneMin).toBe(
        Math.round(storedRuns.filter((r) => inThisWeek(r.localDate)).reduce((s, r) => s + r.durationS, 0) / 60),
      );
      expect(row!.lastRunOn).toBe(
        storedRuns
          .map((r) => r.localDate)
          .sort()
          .at(-1),
      );
    });

    describe("query count", () => {
      let counted: Connection;
      let statements = 0;
      beforeAll(() => {
        counted = connect(t.url, { max: 2, onQuery: () => statements++ });
      });
      afterAll(() => counted.close());

      async function statementsFor(owner: SessionUser, slug: string) {
        const caller = createCaller(contextFor(counted.db, owner));
        await caller.roster.list({ orgSlug: slug }); // warm up: prepared statements, type lookups
        const before = statements;
        const roster = await caller.roster.list({ orgSlug: slug });
        return { count: statements - before, rows: roster.length };
      }

      it("is the same for 5 athletes and for 200", async () => {
        const small = await bulkOrganisation(t.db, "small", 5);
        const large = await bulkOrganisation(t.db, "large", 200);
        const five = await statementsFor(small.owner, small.slug);
        const twoHundred = await statementsFor(large.owner, large.slug);
        console.log(
          `roster.list statements: ${five.count} for ${five.rows} athletes, ${twoHundred.count} for ${twoHundred.rows} athletes`,
        );
        expect(five.rows).toBe(5);
        expect(twoHundred.rows).toBe(200);
        expect(twoHundred.count).toBe(five.count);
      }, 60_000);
    });
  });

  describe("week builder", () => {
    const session = (day: number, kind: Kind, durationMin: number, extra: Record<string, unknown> = {}) => ({
      day,
      kind,
      durationMin,
      distanceM: null,
      targetRpe: null,
      description: "",
      ...extra,
    });

    it("saves drafts with optimistic locking: a stale version is refused and changes nothing", async () => {
      const coach = as(a.users.coach);
      const input = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: nextWeek };
      expect((await coach.weeks.get(input)).week).toBeNull();

      const first = await coach.weeks.save({
        ...input,
        version: null,
        status: "draft",
        sessions: [session(0, "recovery", 25), session(2, "tempo", 45)],
      });
      expect(first.week.version).toBe(1);
      const second = await coach.weeks.save({
        ...input,
        version: 1,
        status: "draft",
        sessions: [
          ...first.sessions.map((s) => ({
            ...session(s.date === nextWeek ? 0 : 2, s.kind as Kind, s.durationMin!),
            id: s.id,
          })),
          session(4, "long", 90),
        ],
      });
      expect(second.week.version).toBe(2);
      // Kept sessions keep their ids (runs linked to them stay linked).
      expect(second.sessions.map((s) => s.id)).toEqual(expect.arrayContaining(first.sessions.map((s) => s.id)));

      const stale = await refusal(
        coach.weeks.save({ ...input, version: 1, status: "published", sessions: [session(1, "hills", 50)] }),
      );
      expect(stale.code).toBe("CONFLICT");
      expect(stale.message).toBe("Someone else saved this week while you were editing. Reload to see their changes.");
      const created = await refusal(coach.weeks.save({ ...input, version: null, status: "draft", sessions: [] }));
      expect(created.code).toBe("CONFLICT");

      const after = await coach.weeks.get(input);
      expect(after.week).toMatchObject({ version: 2, status: "draft" });
      expect(after.sessions.map((s) => [s.date, s.kind, s.durationMin])).toEqual([
        [nextWeek, "recovery", 25],
        [addDays(nextWeek, 2), "tempo", 45],
        [addDays(nextWeek, 4), "long", 90],
      ]);
    });

    it("shows the athlete their week only once it is published, and lets only coaches save", async () => {
      const input = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: addDays(nextWeek, 7) };
      const coach = as(a.users.coach);
      const athlete = as(a.users.athlete1);
      const draft = await coach.weeks.save({
        ...input,
        version: null,
        status: "draft",
        sessions: [session(1, "intervals", 50, { description: "6 × 800 m, 400 m jog", targetRpe: 8 })],
      });
      expect(await athlete.weeks.get(input)).toMatchObject({
        week: null,
        sessions: [],
        canEdit: false,
        previousSessions: [],
      });
      await coach.weeks.save({
        ...input,
        version: draft.week.version,
        status: "published",
        sessions: draft.sessions.map((s) => ({
          ...session(1, "intervals", 50, { description: s.description, targetRpe: 8 }),
          id: s.id,
        })),
      });
      const seen = await athlete.weeks.get(input);
      expect(seen.week?.status).toBe("published");
      expect(seen.sessions).toEqual([
        expect.objectContaining({ kind: "intervals", description: "6 × 800 m, 400 m jog", targetRpe: 8 }),
      ]);
      expect((await refusal(athlete.weeks.save({ ...input, version: 2, status: "draft", sessions: [] }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await refusal(as(a.users.athlete2).weeks.get(input))).code).toBe("NOT_FOUND");
    });

    it("never lets a session id take over another week's session, nor be used twice", async () => {
      const coach = as(a.users.coach);
      const input = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: addDays(nextWeek, 14) };
      const other = await coach.weeks.get({ ...input, weekStart: nextWeek });
      const foreignId = other.sessions[0]!.id;
      const first = await coach.weeks.save({
        ...input,
        version: null,
        status: "draft",
        sessions: [{ ...session(0, "recovery", 20), id: foreignId }],
      });
      expect(first.sessions[0]!.id).not.toBe(foreignId);
      const ownId = first.sessions[0]!.id;
      const second = await coach.weeks.save({
        ...input,
        version: first.week.version,
        status: "draft",
        sessions: [
          { ...session(0, "recovery", 25), id: ownId },
          { ...session(1, "aerobic", 40), id: ownId },
        ],
      });
      expect(second.sessions.map((s) => s.id)).toEqual([ownId, expect.not.stringMatching(ownId)]);
      expect((await coach.weeks.get({ ...input, weekStart: nextWeek })).sessions).toEqual(other.sessions);
    });

    it("refuses a date that is not the athlete's week start, and weeks far away", async () => {
      const coach = as(a.users.coach);
      const base = {
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
        version: null,
        status: "draft" as const,
        sessions: [],
      };
      const wrongDay = await refusal(coach.weeks.save({ ...base, weekStart: addDays(nextWeek, 2) }));
      expect(wrongDay).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("weeks start on Monday"),
      });
      expect((await refusal(coach.weeks.save({ ...base, weekStart: addDays(thisWeek, 7 * 200) }))).code).toBe(
        "BAD_REQUEST",
      );
      // Any day of a week opens that week.
      expect(
        (await coach.weeks.get({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: addDays(nextWeek, 3) }))
          .weekStart,
      ).toBe(nextWeek);
    });
  });

  describe("templates", () => {
    const qualityHeavy = [
      { day: 0, kind: "recovery" as const, durationMin: 30, distanceM: null, targetRpe: 2, description: "Easy" },
      {
        day: 1,
        kind: "intervals" as const,
        durationMin: 60,
        distanceM: null,
        targetRpe: 8,
        description: "6 × 800 m, 400 m jog",
      },
      { day: 2, kind: "tempo" as const, durationMin: 50, distanceM: null, targetRpe: 7, description: "3 × 10 min" },
      { day: 4, kind: "hills" as const, durationMin: 45, distanceM: null, targetRpe: 8, description: "8 × 60 s" },
      { day: 5, kind: "long" as const, durationMin: 90, distanceM: null, targetRpe: 5, description: "" },
    ];

    it("creates named templates, unique per organisation", async () => {
      const coach = as(a.users.coach);
      await coach.templates.create({ orgSlug: a.slug, name: "Sharpening week", sessions: qualityHeavy });
      expect(
        (await refusal(coach.templates.create({ orgSlug: a.slug, name: "Sharpening week", sessions: qualityHeavy })))
          .code,
      ).toBe("CONFLICT");
      const listed = await coach.templates.list({ orgSlug: a.slug });
      expect(listed.find((t) => t.name === "Sharpening week")?.sessions).toEqual(qualityHeavy);
      expect((await refusal(as(a.users.athlete1).templates.list({ orgSlug: a.slug }))).code).toBe("FORBIDDEN");
    });

    it("assigns a template to consecutive weeks, scaled to recent volume, and reports the engine's flags", async () => {
      const coach = as(a.users.coach);
      const owner = as(a.users.owner);
      const template = (await coach.templates.list({ orgSlug: a.slug })).find((t) => t.name === "Sharpening week")!;
      const from = addDays(nextWeek, 21);
      const base = {
        orgSlug: a.slug,
        templateId: template.id,
        athleteIds: [a.athleteIds.athlete1],
        from: addDays(from, 3),
        weekCount: 2,
      };

      // Athlete 1 ran well over the template's 275 min a week lately: durations × 1.5 (the upper clamp).
      await t.db.transaction(async (tx) => {
        await setOrganisation(tx, a.orgId);
        await tx.insert(runs).values(
          [3, 10, 17, 24].map((back) => {
            const date = addDays(today, -back);
            return {
              orgId: a.orgId,
              athleteId: a.athleteIds.athlete1,
              startedAt: new Date(`${date}T12:00:00Z`),
              localDate: date,
              kind: "long" as const,
              durationS: 300 * 60,
              rpe: 5,
            };
          }),
        );
      });
      const result = await coach.templates.assign({ ...base, scale: true, overwritePublished: false });
      expect(result).toHaveLength(1);
      expect(result[0]!.scale).toBe(1.5);
      expect(result[0]!.weeks.map((w) => [w.weekStart, w.outcome])).toEqual([
        [from, "created"],
        [addDays(from, 7), "created"],
      ]);
      const codes = result[0]!.weeks[0]!.flags.map((f) => `${f.code}/${f.measure}`);
      expect(codes).toEqual(expect.arrayContaining(["quality_high/plan", "quality_back_to_back/plan"]));

      const week = await coach.weeks.get({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: from });
      expect(week.week?.status).toBe("draft");
      expect(week.sessions.map((s) => [s.date, s.kind, s.durationMin, s.description])).toEqual([
        [from, "recovery", 45, "Easy"],
        [addDays(from, 1), "intervals", 90, "6 × 800 m, 400 m jog"],
        [addDays(from, 2), "tempo", 75, "3 × 10 min"],
        [addDays(from, 4), "hills", 70, "8 × 60 s"], // 67.5 → 70
        [addDays(from, 5), "long", 135, ""],
      ]);

      // Published weeks are kept unless the coach asks to overwrite them.
      await coach.weeks.save({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
        weekStart: from,
        version: week.week!.version,
        status: "published",
        sessions: [],
      });
      const kept = await coach.templates.assign({ ...base, scale: false, overwritePublished: false });
      expect(kept[0]!.weeks.map((w) => w.outcome)).toEqual(["kept_published", "replaced"]);
      expect(
        (await coach.weeks.get({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: from })).week?.status,
      ).toBe("published");
      const overwritten = await coach.templates.assign({ ...base, scale: false, overwritePublished: true });
      expect(overwritten[0]!.weeks.map((w) => w.outcome)).toEqual(["replaced", "replaced"]);
      const replaced = await coach.weeks.get({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: from });
      expect(replaced.week?.status).toBe("draft");
      expect(replaced.sessions.map((s) => s.durationMin)).toEqual([30, 60, 50, 45, 90]);

      // Only athletes the caller coaches; the owner may assign to anyone.
      const other = await refusal(
        coach.templates.assign({
          ...base,
          athleteIds: [a.athleteIds.athlete2],
          scale: false,
          overwritePublished: false,
        }),
      );
      expect(other.code).toBe("NOT_FOUND");
      const both = await owner.templates.assign({
        ...base,
        athleteIds: [a.athleteIds.athlete1, a.athleteIds.athlete2],
        scale: false,
        overwritePublished: true,
      });
      expect(both.map((r) => r.athleteId).sort()).toEqual([a.athleteIds.athlete1, a.athleteIds.athlete2].sort());
    });
  });

  describe("comments", () => {
    it("are written by the athlete and their coaches and read by the same people", async () => {
      const coach = as(a.users.coach);
      const created = await coach.comments.create({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
        runId: a.runIds.public1,
        body: "Easy means easy: slow down.",
      });
      await coach.comments.create({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
        weekStart: thisWeek,
        body: "Good consistency this week.",
      });
      expect(created).toMatchObject({ authorUserId: a.users.coach.id, runId: a.runIds.public1, weekStart: null });

      const mine = await as(a.users.athlete1).comments.listForAthlete({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
      });
      expect(mine.map((c) => c.body)).toEqual(
        expect.arrayContaining(["Easy means easy: slow down.", "Good consistency this week."]),
      );
      expect(mine.find((c) => c.id === created.id)).toMatchObject({
        authorName: a.users.coach.name,
        runKind: "recovery",
      });
      const aboutWeek = await coach.comments.listForAthlete({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
        weekStart: thisWeek,
      });
      expect(aboutWeek.map((c) => c.body)).toEqual(["Good consistency this week."]);
      expect(aboutWeek[0]!.unread).toBe(false); // the coach's own

      // The athlete replies in their own threads, and nobody else's.
      const reply = await as(a.users.athlete1).comments.create({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete1,
        weekStart: thisWeek,
        body: "Thanks!",
      });
      expect(reply).toMatchObject({ authorUserId: a.users.athlete1.id, weekStart: thisWeek });
      const aboutTeammate = await refusal(
        as(a.users.athlete1).comments.create({
          orgSlug: a.slug,
          athleteId: a.athleteIds.athlete2,
          weekStart: thisWeek,
          body: "Slow down",
        }),
      );
      expect(aboutTeammate.code).toBe("NOT_FOUND");
      const notTheirCoach = await refusal(
        coach.comments.create({ orgSlug: a.slug, athleteId: a.athleteIds.athlete2, weekStart: thisWeek, body: "Hi" }),
      );
      expect(notTheirCoach.code).toBe("NOT_FOUND");
      const wrongRun = await refusal(
        coach.comments.create({
          orgSlug: a.slug,
          athleteId: a.athleteIds.athlete1,
          runId: a.runIds.public2,
          body: "Hi",
        }),
      );
      expect(wrongRun.code).toBe("NOT_FOUND");
      const both = await refusal(
        coach.comments.create({
          orgSlug: a.slug,
          athleteId: a.athleteIds.athlete1,
          runId: a.runIds.public1,
          weekStart: thisWeek,
          body: "Hi",
        }),
      );
      expect(both.code).toBe("BAD_REQUEST");
      expect(
        (
          await refusal(
            as(a.users.athlete2).comments.listForAthlete({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 }),
          )
        ).code,
      ).toBe("NOT_FOUND");
      // The owner coaches everyone.
      await as(a.users.owner).comments.create({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete2,
        runId: a.runIds.public2,
        body: "Welcome!",
      });
    });
  });

  describe("training settings", () => {
    it("stores a valid athlete override and refuses invalid ones with a clear message", async () => {
      const coach = as(a.users.coach);
      const input = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1 };
      const gap = await refusal(
        coach.trainingSettings.updateAthlete({
          ...input,
          override: { effortBands: { recovery: [1, 2], aerobic: [4, 6], quality: [7, 10] } },
        }),
      );
      expect(gap).toMatchObject({
        code: "BAD_REQUEST",
        message: "Aerobic effort band: effort bands must be contiguous and cover RPE 1–10: aerobic should start at 3",
      });
      const inverted = await refusal(
        coach.trainingSettings.updateAthlete({ ...input, override: { bands: { aerobic: [0.8, 0.6] } } }),
      );
      expect(inverted.code).toBe("BAD_REQUEST");
      expect(JSON.stringify(inverted.cause)).toContain("the lower bound must not be above the upper bound");
      expect(
        (
          await refusal(
            coach.trainingSettings.updateAthlete({
              ...input,
              override: { bands: { aerobic: [0.6, 0.8], extra: 1 } } as never,
            }),
          )
        ).code,
      ).toBe("BAD_REQUEST");
      expect(
        (
          await refusal(
            coach.trainingSettings.updateAthlete({ ...input, override: { weekStartDay: "sunday" } as never }),
          )
        ).code,
      ).toBe("BAD_REQUEST");

      await coach.trainingSettings.updateAthlete({
        ...input,
        override: { bands: { aerobic: [0.65, 0.85] }, basis: "distance" },
      });
      const overview = await coach.athletes.overview(input);
      expect(overview.settings.bands.aerobic).toEqual([0.65, 0.85]);
      expect(overview.settings.basis).toBe("distance");
      expect(overview.trainingSettings.override).toEqual({ bands: { aerobic: [0.65, 0.85] }, basis: "distance" });
      expect(
        (await refusal(as(a.users.athlete1).trainingSettings.updateAthlete({ ...input, override: {} }))).code,
      ).toBe("FORBIDDEN");
    });

    it("lets owners change the organisation's defaults, unless an athlete's override would break", async () => {
      const owner = as(a.users.owner);
      expect(
        (
          await refusal(
            as(a.users.coach).trainingSettings.updateOrg({ orgSlug: a.slug, override: { monotonyMax: 2.5 } }),
          )
        ).code,
      ).toBe("FORBIDDEN");
      await owner.trainingSettings.updateAthlete({
        orgSlug: a.slug,
        athleteId: a.athleteIds.athlete2,
        override: { effortBands: { recovery: [1, 3] } },
      });
      const clash = await refusal(
        owner.trainingSettings.updateOrg({
          orgSlug: a.slug,
          override: { effortBands: { recovery: [1, 2], aerobic: [3, 6], quality: [7, 10] } },
        }),
      );
      expect(clash).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(`${a.users.athlete2.name}'s own settings would no longer hold`),
      });
      const invalid = await refusal(
        owner.trainingSettings.updateOrg({ orgSlug: a.slug, override: { effortBands: { quality: [8, 10] } } }),
      );
      expect(invalid.message).toBe(
        "Quality effort band: effort bands must be contiguous and cover RPE 1–10: quality should start at 7",
      );

      await owner.trainingSettings.updateOrg({ orgSlug: a.slug, override: { monotonyMax: 2.5 } });
      expect(await as(a.users.coach).trainingSettings.org({ orgSlug: a.slug })).toMatchObject({
        override: { monotonyMax: 2.5 },
        resolved: { monotonyMax: 2.5 },
        canEdit: false,
      });
      expect(
        (await as(a.users.coach).athletes.overview({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 })).settings
          .monotonyMax,
      ).toBe(2.5);
    });
  });
});
