import "server-only";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "~/server/db/connection";
import { athletes, mailDeliveries, memberships, notifications, organizations, users } from "~/server/db/schema";
import { now } from "~/lib/clock";

type Db = Database | Tx;

/** Jobs the app may enqueue from a request (app.enqueue_job checks the name and the organisation). */
export type AppJob = "notification-mail";

/**
 * Enqueues a job in the caller's transaction: rolled back with it. The payload names the organisation
 * of the context (the database refuses any other).
 */
export async function enqueueJob(
  tx: Tx,
  orgId: string,
  job: AppJob,
  payload: Record<string, unknown>,
  jobKey: string | null = null,
): Promise<void> {
  await tx.execute(sql`select app.enqueue_job(${job}, ${jobPayload(orgId, payload)}::jsonb, ${jobKey})`);
}

/** A job's payload as app.enqueue_job takes it: naming the organisation of the context. */
export function jobPayload(orgId: string, payload: Record<string, unknown>): string {
  return JSON.stringify({ ...payload, orgId });
}

/** The signed-in user's own mail preferences (row-level security admits only their row). */
export async function findMailPreferences(db: Db, userId: string): Promise<Record<string, string>> {
  const [row] = await db.select({ prefs: users.mailPreferences }).from(users).where(eq(users.id, userId));
  return row?.prefs ?? {};
}

export async function saveMailPreferences(db: Db, userId: string, prefs: Record<string, string>): Promise<void> {
  await db.update(users).set({ mailPreferences: prefs, updatedAt: now() }).where(eq(users.id, userId));
}

/** What a link of an unsubscribe mail names, for its confirmation page; null for a wrong token. */
export async function unsubscribePreview(db: Db, token: string) {
  const rows = await db.execute<{ kind: string; email_hint: string; unsubscribed: boolean }>(
    sql`select kind, email_hint, unsubscribed from app.unsubscribe_preview(${token})`,
  );
  const [row] = rows;
  return row ? { kind: row.kind, emailHint: row.email_hint, unsubscribed: row.unsubscribed } : null;
}

/** Turns that kind of mail off for the token's recipient; the kind, or null for a wrong token. */
export async function unsubscribe(db: Db, token: string): Promise<string | null> {
  const [row] = await db.execute<{ kind: string | null }>(sql`select app.unsubscribe(${token}) as kind`);
  return row?.kind ?? null;
}

// ---- For the job queue's worker only (the owner's login, ADR 017) ----

/** The link token of one recipient and kind of mail; the app's role cannot make one. */
export async function unsubscribeToken(tx: Db, userId: string, kind: string): Promise<string> {
  const [row] = await tx.execute<{ token: string }>(
    sql`select app_private.unsubscribe_token(${userId}::uuid, ${kind}) as token`,
  );
  return row!.token;
}

/** Everything a mail to one member needs: address, name, units, time zone, preferences. */
export async function findRecipient(db: Db, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      units: users.units,
      timeZone: users.timeZone,
      weekStartDay: users.weekStartDay,
      mailPreferences: users.mailPreferences,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Every membership with the member's time zone and week start: the hourly scheduler's input. */
export async function allMembers(db: Db) {
  return db
    .select({
      orgId: memberships.orgId,
      userId: memberships.userId,
      role: memberships.role,
      timeZone: users.timeZone,
      weekStartDay: users.weekStartDay,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId));
}

/** Notifications of the recipient's inbox by id (the context names the recipient). */
export async function findNotifications(tx: Tx, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, orgId), inArray(notifications.id, [...ids])));
}

/** The recipient's notifications since an instant, oldest first. */
export async function notificationsSince(tx: Tx, orgId: string, userId: string, since: Date) {
  return tx
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, orgId),
        eq(notifications.recipientUserId, userId),
        gte(notifications.createdAt, since),
      ),
    )
    .orderBy(notifications.createdAt);
}

export type Delivery = typeof mailDeliveries.$inferSelect;

/**
 * The delivery named `key`, created pending if new: the one place that makes a mail happen once,
 * however often its job runs (a retry, a scheduler firing twice, two workers).
 */
export async function claimDelivery(
  tx: Tx,
  orgId: string,
  input: { recipientUserId: string; kind: string; key: string; subject: string },
): Promise<Delivery> {
  const stamp = now();
  await tx
    .insert(mailDeliveries)
    .values({
      orgId,
      recipientUserId: input.recipientUserId,
      kind: input.kind,
      idempotencyKey: input.key,
      subject: input.subject,
      createdAt: stamp,
      updatedAt: stamp,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(mailDeliveries)
    .where(and(eq(mailDeliveries.orgId, orgId), eq(mailDeliveries.idempotencyKey, input.key)))
    .for("update");
  return row!;
}

export async function recordDeliveryOutcome(
  tx: Tx,
  orgId: string,
  id: string,
  outcome: {
    status: Delivery["status"];
    attempts: number;
    lastError?: string | null;
    acceptedAt?: Date | null;
    subject?: string;
  },
): Promise<void> {
  await tx
    .update(mailDeliveries)
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      lastError: outcome.lastError ?? null,
      acceptedAt: outcome.acceptedAt ?? null,
      ...(outcome.subject !== undefined ? { subject: outcome.subject } : {}),
      updatedAt: now(),
    })
    .where(and(eq(mailDeliveries.orgId, orgId), eq(mailDeliveries.id, id)));
}

/** An organisation as the digest needs it: names for links, training defaults for the roster. */
export async function findOrganisationForMail(tx: Tx, orgId: string) {
  const [row] = await tx
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      trainingSettings: organizations.trainingSettings,
      trainingVersion: organizations.trainingVersion,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row ?? null;
}

/** A member's role and own athlete profile in the organisation (the context's). */
export async function findMailActor(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select({ role: memberships.role, athleteId: athletes.id })
    .from(memberships)
    .leftJoin(athletes, and(eq(athletes.orgId, memberships.orgId), eq(athletes.userId, memberships.userId)))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ? { userId, role: row.role, athleteId: row.athleteId ?? null } : null;
}
