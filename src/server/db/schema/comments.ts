import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { athletes } from "./athletes";
import { runs } from "./runs";
import { users } from "./users";

/** A coach's comment on a logged run or on a week; the athlete reads it in their feedback. */
export const comments = pgTable(
  "comments",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    runId: uuid("run_id"),
    weekStart: date("week_start"),
    authorUserId: uuid("author_user_id").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("comments_athlete_created_idx").on(t.orgId, t.athleteId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.runId], foreignColumns: [runs.orgId, runs.id] }).onDelete("cascade"),
    check("comments_target", sql`${t.runId} is not null or ${t.weekStart} is not null`),
  ],
);

/**
 * How far a member has read one thread: a thread is an athlete's run (`run:<id>`) or week
 * (`week:<YYYY-MM-DD>`), and everything in it by others after `readUpTo` is unread for them.
 */
export const commentReads = pgTable(
  "comment_reads",
  {
    orgId: uuid("org_id").notNull(),
    userId: uuid("user_id").notNull(),
    athleteId: uuid("athlete_id").notNull(),
    thread: text("thread").notNull(),
    readUpTo: timestamp("read_up_to", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.athleteId, t.thread] }),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  ],
);
