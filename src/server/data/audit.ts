import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { auditEvents, users } from "~/server/db/schema";

export type AuditAction =
  | "invitation.created"
  | "invitation.resent"
  | "invitation.revoked"
  | "invitation.accepted"
  | "member.role_changed"
  | "member.removed"
  | "coach.assigned"
  | "coach.unassigned"
  | "organisation.created";

export async function recordAudit(
  tx: Tx,
  event: {
    orgId: string;
    actorUserId: string | null;
    action: AuditAction;
    subject: string;
    details?: Record<string, unknown>;
  },
) {
  await tx.insert(auditEvents).values({ ...event, details: event.details ?? {} });
}

export async function listAudit(tx: Tx, orgId: string, limit = 200) {
  return tx
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      subject: auditEvents.subject,
      details: auditEvents.details,
      createdAt: auditEvents.createdAt,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.orgId, orgId))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
}
