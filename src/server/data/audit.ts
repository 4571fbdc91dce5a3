import "server-only";
import { and, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
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

/**
 * How many of these actions the organisation's log holds from the last `within` (a PostgreSQL
 * interval such as "1 hour", measured by the database's clock, which stamped them), by one actor
 * when given.
 */
export async function countRecentActions(
  tx: Tx,
  input: { orgId: string; actions: AuditAction[]; within: string; actorUserId?: string },
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, input.orgId),
        inArray(auditEvents.action, input.actions),
        gt(auditEvents.createdAt, sql`now() - ${input.within}::interval`),
        input.actorUserId ? eq(auditEvents.actorUserId, input.actorUserId) : undefined,
      ),
    );
  return row?.n ?? 0;
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
