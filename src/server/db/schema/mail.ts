import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantColumns, updatedAt } from "./columns";
import { memberships } from "./organisations";
import { appPrivate } from "./private";

/**
 * One mail to one member and what became of it (issue 17): written by the job queue's trusted worker
 * before it sends, so a retried or duplicated job finds the row and sends nothing twice.
 * `idempotencyKey` names the mail, e.g. `digest:<user>:<week>` or `notification:<id>`.
 */
export const mailDeliveries = pgTable(
  "mail_deliveries",
  {
    ...tenantColumns(),
    recipientUserId: uuid("recipient_user_id").notNull(),
    /** A notification kind, or `digest`, `week_preview`, `daily_summary`. */
    kind: text("kind").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    subject: text("subject").notNull().default(""),
    status: text("status", { enum: ["pending", "accepted", "failed", "skipped"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("mail_deliveries_idempotency_key").on(t.orgId, t.idempotencyKey),
    index("mail_deliveries_recipient_idx").on(t.orgId, t.recipientUserId, t.createdAt),
    foreignKey({
      columns: [t.orgId, t.recipientUserId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }).onDelete("cascade"),
  ],
);

/**
 * Which database session each job-queue worker belongs to (ADR 017): a worker's jobs are unlocked for
 * others as soon as its process's connection is gone (a crash, SIGKILL), instead of Graphile Worker's
 * default of four hours.
 */
export const queueWorkers = appPrivate.table("queue_workers", {
  workerId: text("worker_id").primaryKey(),
  applicationName: text("application_name").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
});
