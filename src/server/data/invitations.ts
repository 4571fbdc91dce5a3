import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
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
 * Reads an invitation by its link token, before the reader belongs to its organisation: the token
 * is the capability, and row-level security lets exactly that row through (policy
 * invitations_by_token). Returns it whatever its state; the caller explains expired or used links.
 */
export async function findInvitationByToken(tx: Tx, token: string) {
  await tx.execute(sql`select set_config('app.invitation_token_hash', ${hashInvitationToken(token)}, true)`);
  const [row] = await tx
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      email: invitations.email,
      role: invitations.role,
      invitedBy: invitations.invitedBy,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  return row ?? null;
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
