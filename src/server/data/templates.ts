import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { users, weekTemplates } from "~/server/db/schema";

const templateColumns = {
  id: weekTemplates.id,
  name: weekTemplates.name,
  sessions: weekTemplates.sessions,
  createdBy: weekTemplates.createdBy,
  createdAt: weekTemplates.createdAt,
};

/** The organisation's weekly templates by name, with who made them. */
export async function listTemplates(tx: Tx, orgId: string) {
  return tx
    .select({ ...templateColumns, createdByName: users.name })
    .from(weekTemplates)
    .leftJoin(users, eq(users.id, weekTemplates.createdBy))
    .where(eq(weekTemplates.orgId, orgId))
    .orderBy(asc(weekTemplates.name));
}

export async function findTemplate(tx: Tx, orgId: string, templateId: string) {
  const [row] = await tx
    .select(templateColumns)
    .from(weekTemplates)
    .where(and(eq(weekTemplates.orgId, orgId), eq(weekTemplates.id, templateId)));
  return row ?? null;
}

/** Null when the organisation already has a template of that name. */
export async function insertTemplate(
  tx: Tx,
  orgId: string,
  template: { name: string; sessions: unknown; createdBy: string },
) {
  const [row] = await tx
    .insert(weekTemplates)
    .values({ orgId, ...template })
    .onConflictDoNothing({ target: [weekTemplates.orgId, weekTemplates.name] })
    .returning(templateColumns);
  return row ?? null;
}

/** True when a template was deleted. */
export async function deleteTemplate(tx: Tx, orgId: string, templateId: string): Promise<boolean> {
  const rows = await tx
    .delete(weekTemplates)
    .where(and(eq(weekTemplates.orgId, orgId), eq(weekTemplates.id, templateId)))
    .returning({ id: weekTemplates.id });
  return rows.length > 0;
}
