import { jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";

/** A named weekly structure a coach can apply to many athletes. Sessions are stored by day offset. */
export const weekTemplates = pgTable(
  "week_templates",
  {
    ...tenantColumns(),
    name: text("name").notNull(),
    /** [{ day: 0..6, kind, durationMin?, distanceM?, targetRpe?, description, structure? }] (structure: named paces, resolved per athlete when applied) */
    sessions: jsonb("sessions").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("week_templates_name_key").on(t.orgId, t.name)],
);
