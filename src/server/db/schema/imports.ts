import {
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { athletes } from "./athletes";
import { runs, type StoredLap } from "./runs";

/**
 * A run read from a device file, waiting for the athlete to confirm its kind and RPE. The content
 * hash makes importing the same file twice a no-op.
 */
export const runImports = pgTable(
  "run_imports",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    contentHash: text("content_hash").notNull(),
    /** Which activity of the file (multisport files hold several runs). */
    part: smallint("part").notNull().default(0),
    fileName: text("file_name").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    movingS: integer("moving_s").notNull(),
    elapsedS: integer("elapsed_s").notNull(),
    distanceM: integer("distance_m"),
    avgHeartRate: smallint("avg_heart_rate"),
    sport: text("sport").notNull(),
    warnings: jsonb("warnings").notNull().default([]),
    /** The device's laps (`ImportedLap[]`), kept on the run once confirmed. */
    laps: jsonb("laps").$type<StoredLap[]>().notNull().default([]),
    runId: uuid("run_id"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("run_imports_content_key").on(t.orgId, t.athleteId, t.contentHash, t.part),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.runId], foreignColumns: [runs.orgId, runs.id] }).onDelete("set null"),
  ],
);
