import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { users } from "./users";

/** The tenant: a club or a coaching business. Its own id is its org_id. */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** Organisation-wide defaults for the rules engine; athletes may override them. */
    trainingSettings: jsonb("training_settings").notNull().default({}),
    /** Bumped by a trigger (migration 0007) when the defaults change: cached week digests depend on them. */
    trainingVersion: integer("training_version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organizations_slug_key").on(t.slug)],
);

export const roleEnum = pgEnum("member_role", ["owner", "coach", "athlete"]);

/** A user's role in one organisation. */
export const memberships = pgTable(
  "memberships",
  {
    ...tenantColumns(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // A constraint, not just an index: composite foreign keys point at (org_id, user_id).
    unique("memberships_org_user_key").on(t.orgId, t.userId),
    index("memberships_user_idx").on(t.userId),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete("cascade"),
  ],
);
