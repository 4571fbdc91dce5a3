import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "~/server/db/connection";
import {
  athletes,
  coachAssignments,
  memberships,
  organizations,
  plannedSessions,
  plannedWeeks,
  runs,
  users,
  weekTemplates,
  races,
  trainingPhases,
  excusedDays,
  wellnessCheckins,
} from "~/server/db/schema";
import { hashPassword } from "~/server/auth/password";
import { findUserByEmail } from "~/server/data/users";
import { setOrganisation } from "~/server/db/tenant";
import { zonedDate, zonedDateTimeToUtc } from "~/lib/zoned-time";
import { storedTemplateSessions } from "~/domain/training/plan-inputs";
import {
  DEMO_ATHLETES,
  DEMO_COACHES,
  DEMO_ORG,
  DEMO_PASSWORD,
  demoCheckins,
  demoExcusedDays,
  demoWeeks,
  STARTER_TEMPLATES,
  starterSessions,
} from "./demo-data";
import { demoSeason } from "./demo-season";

export interface DemoAccounts {
  orgSlug: string;
  password: string;
  coaches: { name: string; email: string; role: string }[];
  athletes: { name: string; email: string }[];
}

export function demoAccounts(): DemoAccounts {
  return {
    orgSlug: DEMO_ORG.slug,
    password: DEMO_PASSWORD,
    coaches: DEMO_COACHES.map(({ name, email, role }) => ({ name, email, role })),
    athletes: DEMO_ATHLETES.map(({ name, email }) => ({ name, email })),
  };
}

/**
 * True when the database holds no account at all (a brand-new database). Asks `users`, the one table
 * row-level security does not force on the migrating role: tenant tables would need an organisation.
 */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length === 0;
}

/**
 * Writes the demo organisation in one transaction. Does nothing if it already exists, so running it
 * twice is harmless. `at` is "now" (the app's clock, `now()`, for a live seed): each athlete's history
 * runs up to their own today, the calendar date of `at` in their time zone, so an athlete in New York
 * and one in Berlin can be on different days at the same instant.
 */
export async function seedDemo(db: Database, at: Date): Promise<"seeded" | "exists"> {
  if (await findUserByEmail(db, DEMO_COACHES[0]!.email)) return "exists";

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    // Tenant tables' policies bind this (owner) role too: name the organisation first.
    const orgId = randomUUID();
    await setOrganisation(tx, orgId);
    await tx.insert(organizations).values({ id: orgId, ...DEMO_ORG });

    const people = [...DEMO_COACHES, ...DEMO_ATHLETES];
    const insertedUsers = await tx
      .insert(users)
      .values(
        people.map((p) => ({
          email: p.email,
          name: p.name,
          passwordHash,
          units: "units" in p ? p.units : ("km" as const),
          timeZone: "timeZone" in p ? p.timeZone : "Europe/London",
          weekStartDay: "weekStartDay" in p ? p.weekStartDay : 1,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const userId = new Map(insertedUsers.map((u) => [u.email, u.id]));
    const idOf = (email: string) => userId.get(email)!;

    await tx
      .insert(memberships)
      .values([
        ...DEMO_COACHES.map((c) => ({ orgId, userId: idOf(c.email), role: c.role })),
        ...DEMO_ATHLETES.map((a) => ({ orgId, userId: idOf(a.email), role: "athlete" as const })),
      ]);

    const athleteRows = await tx
      .insert(athletes)
      .values(
        DEMO_ATHLETES.map((a) => ({
          orgId,
          userId: idOf(a.email),
          displayName: a.name,
          raceDistanceM: a.race?.distanceM ?? null,
          raceTimeS: a.race?.timeS ?? null,
          // They joined before the eight weeks of history, so load ratios can be computed.
          createdAt: new Date(at.getTime() - 70 * 86_400_000),
          // One experienced athlete runs a little more aerobic volume than the club default.
          trainingSettings:
            a.key === "lucas" ? { bands: { aerobic: [0.65, 0.85], recovery: [0.1, 0.2], qualityMax: 0.25 } } : {},
        })),
      )
      .returning({ id: athletes.id, userId: athletes.userId });
    const athleteIdOf = new Map(athleteRows.map((a) => [a.userId, a.id]));

    await tx.insert(coachAssignments).values(
      DEMO_ATHLETES.flatMap((a) =>
        a.coaches.map((c) => ({
          orgId,
          athleteId: athleteIdOf.get(idOf(a.email))!,
          coachUserId: idOf(DEMO_COACHES[c]!.email),
        })),
      ),
    );

    await tx.insert(weekTemplates).values(
      STARTER_TEMPLATES.map((t) => ({
        orgId,
        name: t.name,
        sessions: storedTemplateSessions(starterSessions(t.sessions)),
        createdBy: idOf(DEMO_COACHES[0]!.email),
      })),
    );

    for (const [index, persona] of DEMO_ATHLETES.entries()) {
      const athleteId = athleteIdOf.get(idOf(persona.email))!;
      const weeks = demoWeeks(persona, zonedDate(at, persona.timeZone), 1000 + index);
      const weekRows = await tx
        .insert(plannedWeeks)
        .values(
          weeks.map((w) => ({
            orgId,
            athleteId,
            weekStart: w.weekStart,
            status: w.status,
            publishedAt: w.status === "published" ? zonedDateTimeToUtc(w.weekStart, "00:00", persona.timeZone) : null,
            updatedBy: idOf(DEMO_COACHES[persona.coaches[0]!]!.email),
          })),
        )
        .returning({ id: plannedWeeks.id, weekStart: plannedWeeks.weekStart });
      const weekIdOf = new Map(weekRows.map((w) => [w.weekStart, w.id]));

      const sessionRows = await tx
        .insert(plannedSessions)
        .values(
          weeks.flatMap((w) =>
            w.sessions.map((s) => ({
              orgId,
              athleteId,
              weekId: weekIdOf.get(w.weekStart)!,
              date: s.date,
              kind: s.kind,
              durationMin: s.durationMin,
              targetRpe: s.targetRpe,
              description: s.description,
              structure: s.structure,
              position: s.position,
            })),
          ),
        )
        .returning({ id: plannedSessions.id });

      // Planned sessions were inserted in order, so a week's n-th session is at offset + n.
      let offset = 0;
      const runRows = weeks.flatMap((w) => {
        const first = offset;
        offset += w.sessions.length;
        return w.runs.map((r) => {
          const startedAt = zonedDateTimeToUtc(r.date, r.startTime, persona.timeZone);
          // Logged when the run ended (never after `at`), not when the seed ran: on the seed's clock.
          const loggedAt = new Date(Math.min(startedAt.getTime() + r.durationS * 1000, at.getTime()));
          return {
            orgId,
            athleteId,
            startedAt,
            localDate: r.date,
            kind: r.kind,
            durationS: r.durationS,
            distanceM: r.distanceM,
            rpe: r.rpe,
            notes: r.notes,
            private: r.private,
            plannedSessionId: r.plannedIndex === null ? null : sessionRows[first + r.plannedIndex]!.id,
            createdBy: idOf(persona.email),
            createdAt: loggedAt,
            updatedAt: loggedAt,
          };
        });
      });
      if (runRows.length > 0) await tx.insert(runs).values(runRows);

      const season = demoSeason(persona.key, zonedDate(at, persona.timeZone), persona.weekStartDay);
      if (season.races.length > 0) await tx.insert(races).values(season.races.map((r) => ({ orgId, athleteId, ...r })));
      if (season.phases.length > 0)
        await tx.insert(trainingPhases).values(season.phases.map((p) => ({ orgId, athleteId, ...p })));
      const today = zonedDate(at, persona.timeZone);
      const excused = demoExcusedDays(persona, weeks, today);
      if (excused.length > 0)
        await tx
          .insert(excusedDays)
          .values(excused.map((e) => ({ orgId, athleteId, ...e, createdBy: idOf(persona.email), createdAt: at })));
      const checkins = demoCheckins(persona, today, 2000 + index);
      if (checkins.length > 0)
        await tx
          .insert(wellnessCheckins)
          .values(checkins.map((c) => ({ orgId, athleteId, ...c, createdAt: at, updatedAt: at })));
    }
  });
  return "seeded";
}
