import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { organizations } from "./organisations";

/** Sensitive actions (invitations, role changes, removals), for the organisation's owners to review. */
export const auditEvents = pgTable(
  "audit_events",
  {
    ...tenantColumns(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    /** What the action was about, e.g. the invited email or the member's user id. */
    subject: text("subject").notNull(),
    details: jsonb("details").notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("audit_events_org_created_idx").on(t.orgId, t.createdAt),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete("cascade"),
  ],
);

/**
 * Failed sign-in attempts, counted per account and per IP address over a sliding window. In the
 * database rather than in memory so the limit holds across app instances. Global: sign-in happens
 * before any organisation is known.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    /** "email:<address>" or "ip:<address>". */
    key: text("key").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    id: uuid("id").defaultRandom().primaryKey(),
  },
  (t) => [index("login_attempts_key_time_idx").on(t.key, t.attemptedAt)],
);
