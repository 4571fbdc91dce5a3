/**
 * Structured sessions against a real PostgreSQL: the steps round-trip through the week save, the
 * planned duration and distance come from them (at the athlete's own paces), a bad structure is
 * refused with a clear error and changes nothing, and one template gives each athlete their paces.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { athletePaces, resolveTarget, splitText } from "~/domain/training/workout-paces";
import { parseWorkout, printWorkout } from "~/domain/training/workout-text";
import { todayUtc } from "~/lib/clock";
import type { SessionUser } from "~/server/data/users";
import { athletes, plannedSessions, plannedWeeks } from "~/server/db/schema";
import { setOrganisation } from "~/server/db/tenant";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { refusal } from "~/test/refusal";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";

const nextWeek = addDays(weekStartFor(todayUtc(), "monday"), 7);
const INTERVALS = "2k warm-up, 6 x 800m @ I pace w/ 400m jog, 2k cool-down";

function structureOf(text: string) {
  const parsed = parseWorkout(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.structure;
}

describe("structured sessions", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  const session = (extra: Record<string, unknown>) => ({
    day: 1,
    kind: "intervals" as const,
    durationMin: null,
    distanceM: null,
    targetRpe: 8,
    description: "",
    ...extra,
  });

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Structured");
    await t.db.transaction(async (tx) => {
      await setOrganisation(tx, a.orgId);
      // Athlete 1 ran 5 km in 20:00 (VDOT ≈ 50); athlete 2 has no race.
      await tx
        .update(athletes)
        .set({ raceDistanceM: 5000, raceTimeS: 1200 })
        .where(and(eq(athletes.orgId, a.orgId), eq(athletes.id, a.athleteIds.athlete1)));
      await tx.delete(plannedWeeks).where(eq(plannedWeeks.orgId, a.orgId));
    });
  });

  it("saves the steps, computes the duration and distance from them, and reads them back", async () => {
    const coach = as(a.users.coach);
    const input = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: nextWeek };
    const structure = structureOf(INTERVALS);
    // The browser's figures are ignored: the server computes them from the steps.
    const saved = await coach.weeks.save({
      ...input,
      version: null,
      status: "published",
      sessions: [session({ structure, durationMin: 5, distanceM: 1 })],
    });
    const [stored] = saved.sessions;
    expect(stored!.structure).toEqual(structure);
    expect(stored!.distanceM).toBe(11_200);
    expect(stored!.durationMin).toBeGreaterThan(45);
    expect(stored!.durationMin).toBeLessThan(70);

    const loaded = await coach.weeks.get(input);
    expect(loaded.sessions[0]!.structure).toEqual(structure);
    expect(loaded.athlete.paces).not.toBeNull();

    // The athlete reads the same steps in their plan.
    const upcoming = await as(a.users.athlete1).athleteWeeks.upcoming({ orgSlug: a.slug });
    const week = upcoming.weeks.find((w) => w.weekStart === nextWeek)!;
    expect(week.sessions[0]!.structure).toEqual(structure);
    expect(upcoming.paces).not.toBeNull();

    // The coach's calendar card lists the steps in the words the coach types.
    const calendar = await coach.planCalendar.weeks({
      orgSlug: a.slug,
      athleteId: a.athleteIds.athlete1,
      from: nextWeek,
      count: 1,
    });
    expect(calendar.weeks[0]!.sessions[0]!.steps).toBe(printWorkout(structure));
    expect(calendar.weeks[0]!.sessions[0]!.steps).toMatch(/6 x 800m/);
  });

  it("refuses a bad structure with a clear error and changes nothing", async () => {
    const coach = as(a.users.coach);
    const input = { orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: nextWeek };
    const before = await coach.weeks.get(input);
    const tooMany = structureOf(INTERVALS);
    const bad = [
      { items: [{ kind: "repeat", times: 500, steps: (tooMany.items[1] as { steps: readonly unknown[] }).steps }] },
      {
        items: [
          {
            kind: "step",
            intent: "work",
            amount: { type: "time", seconds: 600 },
            target: { type: "rpe", min: 9, max: 3 },
          },
        ],
      },
      { items: [] },
      { items: [{ kind: "step", intent: "sprint", amount: { type: "time", seconds: 60 }, target: { type: "open" } }] },
    ];
    for (const structure of bad) {
      const error = await refusal(
        coach.weeks.save({
          ...input,
          version: before.week!.version,
          status: "published",
          sessions: [session({ structure })],
        }),
      );
      expect(error.code).toBe("BAD_REQUEST");
    }
    // Steps too long for one session: refused by the service, with the athlete's name and the day.
    const tooLong = await refusal(
      coach.weeks.save({
        ...input,
        version: before.week!.version,
        status: "published",
        sessions: [session({ structure: structureOf("5:00:00 @ E, 5:30:00 @ E") })],
      }),
    );
    expect(tooLong.code).toBe("BAD_REQUEST");
    expect(tooLong.message).toMatch(/Tuesday session: The steps add up to more than 10 hours/);
    const after = await coach.weeks.get(input);
    expect(after.week!.version).toBe(before.week!.version);
    expect(after.sessions).toEqual(before.sessions);
  });

  it("a stored structure that is not an object is refused by the database", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await setOrganisation(tx, a.orgId);
        await tx
          .update(plannedSessions)
          .set({ structure: [1, 2] })
          .where(eq(plannedSessions.orgId, a.orgId));
      }),
    ).rejects.toThrow();
  });

  it("applies a template with named paces: each athlete gets their own duration; without a race, an estimate", async () => {
    const owner = as(a.users.owner);
    await owner.templates.create({
      orgSlug: a.slug,
      name: "Intervals at I",
      sessions: [session({ structure: structureOf(INTERVALS), durationMin: null, distanceM: null })],
    });
    const template = (await owner.templates.list({ orgSlug: a.slug })).find((x) => x.name === "Intervals at I")!;
    expect(template.sessions[0]!.structure).toEqual(structureOf(INTERVALS));
    const from = addDays(nextWeek, 7);
    await owner.templates.assign({
      orgSlug: a.slug,
      templateId: template.id,
      athleteIds: [a.athleteIds.athlete1, a.athleteIds.athlete2],
      from,
      weekCount: 1,
      scale: true,
      overwritePublished: false,
    });
    const one = (await owner.weeks.get({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1, weekStart: from }))
      .sessions[0]!;
    const two = (await owner.weeks.get({ orgSlug: a.slug, athleteId: a.athleteIds.athlete2, weekStart: from }))
      .sessions[0]!;
    expect(one.structure).toEqual(two.structure);
    expect(one.durationMin).toBeLessThan(two.durationMin!);
    const paces = athletePaces({ distanceM: 5000, timeS: 1200 });
    expect(splitText({ type: "distance", meters: 800 }, resolveTarget({ type: "pace", pace: "I" }, paces))).toMatch(
      /per 800 m/,
    );
  });
});
