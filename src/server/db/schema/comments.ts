import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { athletes } from "./athletes";
import { runs } from "./runs";

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
