import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { outboxEmails } from "~/server/db/schema";

export async function listOutbox(tx: Tx, orgId: string, limit = 100) {
  return tx
    .select({
      id: outboxEmails.id,
      to: outboxEmails.to,
      subject: outboxEmails.subject,
      text: outboxEmails.text,
      createdAt: outboxEmails.createdAt,
    })
    .from(outboxEmails)
    .where(eq(outboxEmails.orgId, orgId))
    .orderBy(desc(outboxEmails.createdAt))
    .limit(limit);
}
