import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "~/server/db/connection";
import { invitations, organizations, users } from "~/server/db/schema";
import type { Role } from "~/domain/authz/policy";

export const INVITATION_TTL_DAYS = 7;

/** A fresh link token (sent by email, never stored) and the hash we keep. */
export function newInvitationToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

const expiry = (now: Date) => new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);

export async function createInvitation(
  tx: Tx,
  input: { orgId: string; email: string; role: Role; invitedBy: string; tokenHash: string; now: Date },
) {
  const [row] = await tx
    .insert(invitations)
    .values({
      orgId: input.orgId,
      email: input.email,
      role: input.role,
      invitedBy: input.invitedBy,
      tokenHash: input.tokenHash,
      expiresAt: expiry(input.now),
    })
    .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
  return row!;
}

/** Open invitations of an organisation (not accepted, not revoked), newest first. */
export async function listOpenInvitations(tx: Tx, orgId: string) {
  return tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt));
}

export async function findOpenInvitation(tx: Tx, orgId: string, id: string) {
  const [row] = await tx
    .select({ id: invitations.id, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  return row ?? null;
}

/** Revokes every open invitation of this email in the organisation (re-inviting replaces the old link). */
export async function revokeOpenInvitationsFor(tx: Tx, orgId: string, email: string, now: Date) {
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
}

export async function revokeInvitation(tx: Tx, orgId: string, id: string, now: Date) {
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
}

/** A new link for an open invitation: the old link stops working, the expiry starts again. */
export async function renewInvitation(tx: Tx, orgId: string, id: string, tokenHash: string, now: Date) {
  await tx
    .update(invitations)
    .set({ tokenHash, expiresAt: expiry(now) })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)));
}

/**
 * What an invitation link is for, whatever its state, before the reader belongs to its organisation:
 * the token is the capability (app.invitation_preview checks it and returns these columns only).
 */
export async function previewInvitation(db: Database | Tx, token: string) {
  const [row] = await db.execute<{
    organisation_name: string;
    email: string;
    role: Role;
    expires_at: string;
    accepted_at: string | null;
    revoked_at: string | null;
  }>(
    sql`select organisation_name, email, role, expires_at, accepted_at, revoked_at from app.invitation_preview(${token})`,
  );
  return row
    ? {
        organisationName: row.organisation_name,
        email: row.email,
        role: row.role,
        expiresAt: new Date(row.expires_at),
        acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
        revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
      }
    : null;
}

/**
 * Opens an invitation by its link token for accepting it: returns it whatever its state (the caller
 * explains expired or used links) and, when it is open, puts its organisation in the transaction's
 * context (app.enter_invitation), next to the signed-in user if there is one.
 */
export async function enterInvitation(tx: Tx, token: string) {
  const [row] = await tx.execute<{
    id: string;
    org_id: string;
    email: string;
    role: Role;
    invited_by: string;
    expires_at: string;
    accepted_at: string | null;
    revoked_at: string | null;
  }>(
    sql`select id, org_id, email, role, invited_by, expires_at, accepted_at, revoked_at from app.enter_invitation(${token})`,
  );
  return row
    ? {
        id: row.id,
        orgId: row.org_id,
        email: row.email,
        role: row.role,
        invitedBy: row.invited_by,
        expiresAt: new Date(row.expires_at),
        acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
        revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
      }
    : null;
}

/**
 * Creates the account an open invitation (entered in this transaction) is for, and makes it the
 * context's user; null when its email already has an account.
 */
export async function createInvitedAccount(tx: Tx, token: string, name: string, passwordHash: string) {
  const [row] = await tx.execute<{ id: string | null }>(
    sql`select app.create_invited_account(${token}, ${name}, ${passwordHash}) as id`,
  );
  return row?.id ?? null;
}

export async function organisationName(tx: Tx, orgId: string) {
  const [row] = await tx
    .select({ name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row ?? null;
}

export async function markAccepted(tx: Tx, orgId: string, id: string, userId: string, now: Date) {
  await tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)));
}
