import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantColumns, updatedAt } from "./columns";
import { athletes } from "./athletes";

export const sessionKindEnum = pgEnum("session_kind", [
  "recovery",
  "aerobic",
  "long",
  "tempo",
  "intervals",
  "hills",
  "race",
]);

export const weekStatusEnum = pgEnum("week_status", ["draft", "published"]);

/** A coach's plan for one athlete's week. `version` guards concurrent edits (optimistic locking). */
export const plannedWeeks = pgTable(
  "planned_weeks",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    weekStart: date("week_start").notNull(),
    status: weekStatusEnum("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    updatedBy: uuid("updated_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("planned_weeks_athlete_week_key").on(t.orgId, t.athleteId, t.weekStart),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
  ],
);

export const plannedSessions = pgTable(
  "planned_sessions",
  {
    ...tenantColumns(),
    weekId: uuid("week_id").notNull(),
    athleteId: uuid("athlete_id").notNull(),
    date: date("date").notNull(),
    kind: sessionKindEnum("kind").notNull(),
    durationMin: smallint("duration_min"),
    distanceM: integer("distance_m"),
    targetRpe: smallint("target_rpe"),
    description: text("description").notNull().default(""),
    /**
     * The session's steps (WorkoutStructure, validated by workout-schema.ts), or null for a plain
     * session. When set, duration_min and distance_m are computed from it with the athlete's paces.
     */
    structure: jsonb("structure"),
    position: smallint("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("planned_sessions_athlete_date_idx").on(t.orgId, t.athleteId, t.date),
    index("planned_sessions_week_idx").on(t.orgId, t.weekId),
    foreignKey({ columns: [t.orgId, t.weekId], foreignColumns: [plannedWeeks.orgId, plannedWeeks.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    check("planned_sessions_amount", sql`${t.durationMin} is not null or ${t.distanceM} is not null`),
    check("planned_sessions_duration_range", sql`${t.durationMin} between 1 and 600`),
    check("planned_sessions_distance_range", sql`${t.distanceM} between 1 and 300000`),
    check("planned_sessions_target_rpe_range", sql`${t.targetRpe} between 1 and 10`),
    check("planned_sessions_structure_object", sql`jsonb_typeof(${t.structure}) = 'object'`),
  ],
);
