import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantColumns, updatedAt } from "./columns";
import { athletes } from "./athletes";

/** Why an athlete could not train on a day (issue 16). The engine calls "travelling" "travel". */
export const excuseReasonEnum = pgEnum("excuse_reason", ["ill", "injured", "travelling", "unavailable"]);

/**
 * A day the athlete could not train: a planned session on it without a run is "excused", neither
 * missed nor counted in compliance rates. One per athlete and day.
 */
export const excusedDays = pgTable(
  "excused_days",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    date: date("date").notNull(),
    reason: excuseReasonEnum("reason").notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("excused_days_athlete_date_key").on(t.orgId, t.athleteId, t.date),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    check("excused_days_note_length", sql`length(${t.note}) <= 500`),
  ],
);

/**
 * An athlete's daily wellness check-in: four 1–5 scores, each in its everyday sense (sleep and mood:
 * 5 is very good; soreness and stress: 5 is very high; the words are in domain/training/wellness.ts),
 * optional resting heart rate and note. One per athlete and day.
 */
export const wellnessCheckins = pgTable(
  "wellness_checkins",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    date: date("date").notNull(),
    sleep: smallint("sleep").notNull(),
    soreness: smallint("soreness").notNull(),
    stress: smallint("stress").notNull(),
    mood: smallint("mood").notNull(),
    restingHr: smallint("resting_hr"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("wellness_checkins_athlete_date_key").on(t.orgId, t.athleteId, t.date),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    check(
      "wellness_checkins_scores",
      sql`${t.sleep} between 1 and 5 and ${t.soreness} between 1 and 5 and ${t.stress} between 1 and 5 and ${t.mood} between 1 and 5`,
    ),
    check("wellness_checkins_resting_hr", sql`${t.restingHr} between 25 and 150`),
    check("wellness_checkins_note_length", sql`length(${t.note}) <= 500`),
  ],
);
