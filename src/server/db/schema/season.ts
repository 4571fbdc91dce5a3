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
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { athletes } from "./athletes";
import { createdAt, tenantColumns, updatedAt } from "./columns";

export const racePriorityEnum = pgEnum("race_priority", ["A", "B", "C"]);

/**
 * A race on an athlete's season: planned (goal time) and, once run, its result. A result can become
 * the athlete's race for paces (athletes.race_distance_m/race_time_s) on confirmation.
 */
export const races = pgTable(
  "races",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    name: text("name").notNull(),
    date: date("date").notNull(),
    distanceM: integer("distance_m").notNull(),
    priority: racePriorityEnum("priority").notNull().default("B"),
    goalTimeS: integer("goal_time_s"),
    resultTimeS: integer("result_time_s"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("races_athlete_date_idx").on(t.orgId, t.athleteId, t.date),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    check("races_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check("races_distance_range", sql`${t.distanceM} between 100 and 1000000`),
    check("races_goal_range", sql`${t.goalTimeS} between 1 and 1209600`),
    check("races_result_range", sql`${t.resultTimeS} between 1 and 1209600`),
    check("races_note_length", sql`char_length(${t.note}) <= 2000`),
  ],
);

/**
 * A phase of an athlete's season (base, build, peak, taper, recovery or a custom name), from
 * start_date to end_date inclusive. Phases of one athlete never overlap (an exclusion constraint in
 * the migration). `settings` is a partial training-settings override (settings-schema.ts) that
 * judges the weeks this phase holds (ADR 016).
 */
export const trainingPhases = pgTable(
  "training_phases",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    name: text("name").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    settings: jsonb("settings").notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("training_phases_athlete_start_idx").on(t.orgId, t.athleteId, t.startDate),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    check("training_phases_name_length", sql`char_length(${t.name}) between 1 and 60`),
    check("training_phases_dates", sql`${t.startDate} <= ${t.endDate}`),
  ],
);
