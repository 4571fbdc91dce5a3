import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Columns every tenant-owned table starts with. `org_id` leads the primary key,
 * every index and every foreign key, so each row can be checked by row-level
 * security and the table can later be distributed by `org_id` (Citus).
 */
export const tenantColumns = () => ({
  orgId: uuid("org_id").notNull(),
  id: uuid("id")
    .notNull()
    .default(sql`gen_random_uuid()`),
});

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
