import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantColumns, updatedAt } from "./columns";
import { athletes } from "./athletes";
import { sessionKindEnum } from "./weeks";

/** A device's lap as stored (the importer's `ImportedLap`): timer seconds, metres, average heart rate. */
export type StoredLap = { durationS: number; distanceM: number | null; avgHeartRate: number | null };

/** A run the athlete did: logged by hand or imported from a device file. */
export const runs = pgTable(
  "runs",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    /** The calendar day in the athlete's time zone when the run started: weeks are built from it. */
    localDate: date("local_date").notNull(),
    kind: sessionKindEnum("kind").notNull(),
    durationS: integer("duration_s").notNull(),
    distanceM: integer("distance_m"),
    rpe: smallint("rpe").notNull(),
    notes: text("notes").notNull().default(""),
    /** Hidden from teammates, never from the athlete's coaches. */
    private: boolean("private").notNull().default(false),
    plannedSessionId: uuid("planned_session_id"),
    source: text("source", { enum: ["manual", "import"] })
      .notNull()
      .default("manual"),
    /** The device's laps of an imported run (`ImportedLap[]`), compared with a structured session's steps; null for a logged run. */
    laps: jsonb("laps").$type<StoredLap[]>(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("runs_athlete_date_idx").on(t.orgId, t.athleteId, t.localDate),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    check("runs_duration_range", sql`${t.durationS} between 1 and 86400`),
    check("runs_distance_range", sql`${t.distanceM} between 0 and 300000`),
    check("runs_rpe_range", sql`${t.rpe} between 1 and 10`),
  ],
);

/**
 * The answer given to a create request, kept under the client's idempotency key: a retried or
 * double-tapped submission gets the same answer and creates nothing new.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    orgId: uuid("org_id").notNull(),
    userId: uuid("user_id").notNull(),
    key: uuid("key").notNull(),
    /** Hash of the request, so the same key with a different request is refused. */
    requestHash: text("request_hash").notNull(),
    response: jsonb("response").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId, t.key] })],
);
