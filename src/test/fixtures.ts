/**
 * Builds small organisations for integration tests: an owner, a coach, two athletes (the first
 * coached by the coach), a published week with a planned session, a public and a private run, and an
 * open invitation. Written as the migrating role, naming the organisation like the seed does. Every
 * member has a session open (contextFor in ./sessions).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "~/server/db/connection";
import {
  calendarFeeds,
  commentReads,
  comments,
  excusedDays,
  notifications,
  mailDeliveries,
  idempotencyKeys,
  invitations,
  outboxEmails,
  plannedSessions,
  plannedWeeks,
  races,
  runImports,
  trainingPhases,
  runs,
  weekDigests,
  weekTemplates,
  wellnessCheckins,
} from "~/server/db/schema";
import { recordAudit } from "~/server/data/audit";
import { setOrganisation } from "~/server/db/tenant";
import { hashPassword } from "~/server/auth/password";
import { addMember, assignCoach, createOrganisation, findAthleteByUser } from "~/server/data/organisations";
import { createUser, findSessionUser, type SessionUser } from "~/server/data/users";
import { hashInvitationToken } from "~/server/data/invitations";
import { now } from "~/lib/clock";
import { openSession } from "./sessions";

export const FIXTURE_PASSWORD = "fixture-password";
let passwordHash: Promise<string> | undefined;

export interface OrgFixture {
  orgId: string;
  slug: string;
  users: { owner: SessionUser; coach: SessionUser; athlete1: SessionUser; athlete2: SessionUser };
  athleteIds: { athlete1: string; athlete2: string };
  runIds: { public1: string; private1: string; public2: string };
  plannedSessionId: string;
  weekId: string;
  invitationId: string;
  invitationToken: string;
  /** A draft run read from a file, not yet confirmed. */
  importId: string;
  /** The coach's comment on athlete 1's public run (unread by the athlete). */
  commentId: string;
  /** Athlete 1's A race and base phase (early 2027, away from the fixture's weeks). */
  raceId: string;
  phaseId: string;
  /** A day athlete 1 marked as ill (no session on it), with a check-in of theirs on the same day. */
  excusedDate: string;
  /** The notification in the coach's inbox (unread). */
  notificationId: string;
}

export async function createOrgFixture(db: Database, label: string): Promise<OrgFixture> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const hash = await passwordHash;
  const suffix = randomUUID().slice(0, 8);
  const invitationToken = `tok_${randomUUID().replaceAll("-", "")}`;
  const ids = await db.transaction(async (tx) => {
    const person = (role: string) =>
      createUser(tx, { email: `${role}.${label}.${suffix}@example.com`, name: `${label} ${role}`, passwordHash: hash });
    const [owner, coach, athlete1, athlete2] = [
      await person("owner"),
      await person("coach"),
      await person("athlete1"),
      await person("athlete2"),
    ];
    const orgId = randomUUID();
    await setOrganisation(tx, orgId);
    const slug = await createOrganisation(tx, {
      id: orgId,
      name: `${label} club`,
      slug: `${label.toLowerCase()}-${suffix}`,
    });
    await addMember(tx, { orgId, userId: owner.id, role: "owner", displayName: owner.name });
    await addMember(tx, { orgId, userId: coach.id, role: "coach", displayName: coach.name });
    await addMember(tx, { orgId, userId: athlete1.id, role: "athlete", displayName: athlete1.name });
    await addMember(tx, { orgId, userId: athlete2.id, role: "athlete", displayName: athlete2.name });
    const [a1] = await findAthleteByUser(tx, orgId, athlete1.id);
    const [a2] = await findAthleteByUser(tx, orgId, athlete2.id);
    await assignCoach(tx, orgId, a1!.id, coach.id);

    const [week] = await tx
      .insert(plannedWeeks)
      .values({ orgId, athleteId: a1!.id, weekStart: "2026-11-02", status: "published" })
      .returning();
    const [session] = await tx
      .insert(plannedSessions)
      .values({
        orgId,
        athleteId: a1!.id,
        weekId: week!.id,
        date: "2026-11-03",
        kind: "recovery",
        durationMin: 30,
        targetRpe: 2,
      })
      .returning();
    const run = (athleteId: string, isPrivate: boolean) => ({
      orgId,
      athleteId,
      startedAt: new Date("2026-11-24T07:00:00Z"),
      localDate: "2026-11-24",
      kind: "recovery" as const,
      durationS: 1800,
      distanceM: 5000,
      rpe: 3,
      private: isPrivate,
    });
    const [public1, private1, public2] = await tx
      .insert(runs)
      .values([run(a1!.id, false), run(a1!.id, true), run(a2!.id, false)])
      .returning({ id: runs.id });
    const [invitation] = await tx
      .insert(invitations)
      .values({
        orgId,
        email: `invitee.${suffix}@example.com`,
        role: "athlete",
        tokenHash: hashInvitationToken(invitationToken),
        expiresAt: new Date(now().getTime() + 86_400_000),
        invitedBy: owner.id,
      })
      .returning();
    await recordAudit(tx, { orgId, actorUserId: owner.id, action: "invitation.created", subject: invitation!.email });
    await tx
      .insert(outboxEmails)
      .values({ orgId, to: invitation!.email, subject: "Invitation", text: `token ${invitationToken}` });
    // One row in every other tenant table, so isolation tests have something to try to reach.
    await tx.insert(weekTemplates).values({
      orgId,
      name: "Base week",
      sessions: [{ day: 0, kind: "recovery", durationMin: 25 }],
      createdBy: coach.id,
    });
    const [comment] = await tx
      .insert(comments)
      .values({ orgId, athleteId: a1!.id, runId: public1!.id, authorUserId: coach.id, body: "Nice and easy." })
      .returning();
    // Its author has read that thread up to that comment (the athlete has not), as markRead records it;
    // comments are stamped by the database, so a moved test clock must not stamp the mark.
    await tx.execute(sql`select app.act_as(${coach.id}::uuid, ${orgId}::uuid)`);
    await tx.insert(commentReads).values({
      orgId,
      userId: coach.id,
      athleteId: a1!.id,
      thread: `run:${public1!.id}`,
      readUpTo: comment!.createdAt,
    });
    await setOrganisation(tx, orgId);
    await tx
      .insert(idempotencyKeys)
      .values({ orgId, userId: athlete1.id, key: randomUUID(), requestHash: "h", response: { id: public1!.id } });
    await tx.insert(calendarFeeds).values({ orgId, athleteId: a1!.id, tokenHash: `feed-${suffix}` });
    // In the coach's inbox (each member reads only their own): no RETURNING, so the id is chosen here.
    const notificationId = randomUUID();
    await tx.insert(notifications).values({
      id: notificationId,
      orgId,
      recipientUserId: coach.id,
      kind: "run_warning",
      athleteId: a1!.id,
      actorUserId: athlete1.id,
      title: "A run of athlete 1 raised a warning",
      link: `/o/${slug}/runs/${public1!.id}`,
    });
    // A race and a phase of athlete 1 (coached by the fixture's coach), far from the test weeks.
    const [race] = await tx
      .insert(races)
      .values({
        orgId,
        athleteId: a1!.id,
        name: "City 10K",
        date: "2027-03-14",
        distanceM: 10000,
        priority: "A",
        goalTimeS: 2700,
      })
      .returning({ id: races.id });
    const [phase] = await tx
      .insert(trainingPhases)
      .values({
        orgId,
        athleteId: a1!.id,
        name: "base",
        startDate: "2027-01-04",
        endDate: "2027-01-31",
        settings: { bands: { qualityMax: 0.2 } },
      })
      .returning({ id: trainingPhases.id });
    // The mail that followed it (the job queue's worker writes these).
    await tx.insert(mailDeliveries).values({
      orgId,
      recipientUserId: coach.id,
      kind: "run_warning",
      idempotencyKey: `fixture:${suffix}`,
      subject: "A run of athlete 1 raised a warning",
      status: "accepted",
      attempts: 1,
      acceptedAt: now(),
    });
    // A stale cache row (version 0 never matches): the roster recomputes it on first use.
    await tx
      .insert(weekDigests)
      .values({ orgId, athleteId: a1!.id, weekStart: "2026-10-26", athleteVersion: 0, orgVersion: 0, digest: {} });
    await tx
      .insert(excusedDays)
      .values({ orgId, athleteId: a1!.id, date: "2026-11-05", reason: "ill", createdBy: athlete1.id });
    await tx
      .insert(wellnessCheckins)
      .values({ orgId, athleteId: a1!.id, date: "2026-11-05", sleep: 2, soreness: 3, stress: 3, mood: 3 });
    const [runImport] = await tx
      .insert(runImports)
      .values({
        orgId,
        athleteId: a1!.id,
        contentHash: `hash-${suffix}`,
        fileName: "morning.fit",
        startedAt: new Date("2026-11-25T07:00:00Z"),
        movingS: 1500,
        elapsedS: 1600,
        distanceM: 4800,
        sport: "running",
        createdBy: athlete1.id,
      })
      .returning();
    return {
      orgId,
      slug,
      userIds: { owner: owner.id, coach: coach.id, athlete1: athlete1.id, athlete2: athlete2.id },
      athleteIds: { athlete1: a1!.id, athlete2: a2!.id },
      runIds: { public1: public1!.id, private1: private1!.id, public2: public2!.id },
      plannedSessionId: session!.id,
      weekId: week!.id,
      invitationId: invitation!.id,
      importId: runImport!.id,
      commentId: comment!.id,
      raceId: race!.id,
      phaseId: phase!.id,
      excusedDate: "2026-11-05",
      notificationId,
    };
  });
  // Each member is signed in (contextFor in ./sessions finds their session).
  const load = async (id: string) => {
    await openSession(db, id);
    return (await findSessionUser(db, id))!;
  };
  return {
    ...ids,
    invitationToken,
    users: {
      owner: await load(ids.userIds.owner),
      coach: await load(ids.userIds.coach),
      athlete1: await load(ids.userIds.athlete1),
      athlete2: await load(ids.userIds.athlete2),
    },
  };
}
