import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { athletes, coachAssignments, memberships, organizations, users } from "~/server/db/schema";
import type { Role } from "~/domain/authz/policy";
import { now } from "~/lib/clock";

/** The organisations a user belongs to, with their role in each (their own memberships only). */
export async function listMyOrganisations(tx: Tx, userId: string) {
  return tx
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}

/**
 * Resolves "user X acting in organisation <slug>" to the organisation and their membership, or null
 * when they are not a member (callers answer NOT_FOUND, so organisations cannot be discovered). The
 * same statement narrows row-level security to that organisation (app.enter_organisation, which
 * checks the membership again in the database): every organisation request starts here, and this
 * saves it a round trip. Without a membership there is no row, so nothing is set.
 */
export async function enterOrganisation(tx: Tx, userId: string, slug: string) {
  const [row] = await tx
    .select({
      org: {
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        trainingSettings: organizations.trainingSettings,
        trainingVersion: organizations.trainingVersion,
      },
      role: memberships.role,
      entered: sql<boolean>`app.enter_organisation(${organizations.id})`,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organizations.slug, slug)));
  return row?.entered ? { org: row.org, role: row.role } : null;
}

/**
 * Narrows an open transaction's context to an organisation already resolved for this user (a
 * cache write after a read served by the replica, ADR 023); false when they are no longer a member.
 */
export async function reenterOrganisation(tx: Tx, orgId: string): Promise<boolean> {
  const [row] = await tx.execute<{ entered: boolean }>(sql`select app.enter_organisation(${orgId}::uuid) as entered`);
  return row?.entered === true;
}

/**
 * Creates an organisation under the first free address among `slug`, `slug-2`, `slug-3`, …
 * and returns the address it got.
 */
export async function createOrganisation(tx: Tx, input: { id: string; slug: string; name: string }): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? input.slug : `${input.slug}-${n}`;
    const inserted = await tx
      .insert(organizations)
      .values({ ...input, slug })
      .onConflictDoNothing({ target: organizations.slug })
      .returning({ slug: organizations.slug });
    if (inserted.length > 0) return slug;
  }
}

/**
 * Adds a member; athletes also get their athlete profile, stamped by the app's clock: the day they
 * joined starts their History and Feedback, which the app measures against that same clock.
 */
export async function addMember(tx: Tx, input: { orgId: string; userId: string; role: Role; displayName: string }) {
  await tx.insert(memberships).values({ orgId: input.orgId, userId: input.userId, role: input.role });
  if (input.role === "athlete") {
    await tx
      .insert(athletes)
      .values({ orgId: input.orgId, userId: input.userId, displayName: input.displayName, createdAt: now() });
  }
}

export async function isMember(tx: Tx, orgId: string, email: string): Promise<boolean> {
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(users.email, email)));
  return rows.length > 0;
}

/** Members with their role and, for athletes, who coaches them. Two queries whatever the size. */
export async function listMembers(tx: Tx, orgId: string) {
  const rows = await tx
    .select({
      userId: memberships.userId,
      role: memberships.role,
      name: users.name,
      email: users.email,
      athleteId: athletes.id,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(athletes, and(eq(athletes.orgId, memberships.orgId), eq(athletes.userId, memberships.userId)))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name));
  const assignments = await tx
    .select({ athleteId: coachAssignments.athleteId, coachUserId: coachAssignments.coachUserId })
    .from(coachAssignments)
    .where(eq(coachAssignments.orgId, orgId));
  return rows.map((r) => ({
    ...r,
    coachUserIds: r.athleteId ? assignments.filter((a) => a.athleteId === r.athleteId).map((a) => a.coachUserId) : [],
  }));
}

export async function findMember(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select({ userId: memberships.userId, role: memberships.role, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ?? null;
}

export async function countOwners(tx: Tx, orgId: string): Promise<number> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return rows.length;
}

/**
 * Changes a member's role. Becoming an athlete creates their athlete profile; leaving the athlete
 * role keeps it (their history stays with the organisation) but they no longer act as one.
 */
export async function changeRole(tx: Tx, orgId: string, userId: string, role: Role, displayName: string) {
  await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (role === "athlete") {
    await tx.insert(athletes).values({ orgId, userId, displayName, createdAt: now() }).onConflictDoNothing();
  }
}

/** Removes a member and, through the composite foreign keys, their athlete profile and assignments. */
export async function removeMember(tx: Tx, orgId: string, userId: string) {
  await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

export async function assignCoach(tx: Tx, orgId: string, athleteId: string, coachUserId: string) {
  await tx.insert(coachAssignments).values({ orgId, athleteId, coachUserId }).onConflictDoNothing();
}

export async function unassignCoach(tx: Tx, orgId: string, athleteId: string, coachUserId: string) {
  await tx
    .delete(coachAssignments)
    .where(
      and(
        eq(coachAssignments.orgId, orgId),
        eq(coachAssignments.athleteId, athleteId),
        eq(coachAssignments.coachUserId, coachUserId),
      ),
    );
}

export async function findAthleteByUser(tx: Tx, orgId: string, userId: string) {
  return tx
    .select({ id: athletes.id, displayName: athletes.displayName })
    .from(athletes)
    .where(and(eq(athletes.orgId, orgId), eq(athletes.userId, userId)));
}

/** Stores the organisation's default training settings (validated by the caller). */
export async function updateOrgTrainingSettings(tx: Tx, orgId: string, settings: unknown) {
  await tx.update(organizations).set({ trainingSettings: settings }).where(eq(organizations.id, orgId));
}
