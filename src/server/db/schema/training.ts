import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  json,
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
  ],
);

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
 * A cache: the roster's digest of one evaluated week of one athlete (domain/training/roster.ts
 * WeekDigest). Valid while the athlete's and the organisation's training versions are the ones it
 * was computed from; `as_of` is the athlete's "today" for a week still in progress, null once the
 * week was complete (its evaluation no longer depends on the day). Safe to empty at any time.
 */
export const weekDigests = pgTable(
  "week_digests",
  {
    orgId: uuid("org_id").notNull(),
    athleteId: uuid("athlete_id").notNull(),
    weekStart: date("week_start").notNull(),
    asOf: date("as_of"),
    athleteVersion: integer("athlete_version").notNull(),
    orgVersion: integer("org_version").notNull(),
    // json, not jsonb: it is only ever read whole, and json goes out as stored text (half the read time).
    digest: json("digest").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.athleteId, t.weekStart] }),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
  ],
);

/** A named weekly structure a coach can apply to many athletes. Sessions are stored by day offset. */
export const weekTemplates = pgTable(
  "week_templates",
  {
    ...tenantColumns(),
    name: text("name").notNull(),
    /** [{ day: 0..6, kind, durationMin?, distanceM?, targetRpe?, description }] */
    sessions: jsonb("sessions").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("week_templates_name_key").on(t.orgId, t.name)],
);

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

/** A private, revocable iCal feed of an athlete's planned sessions. Only the token's hash is kept. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    ...tenantColumns(),
    athleteId: uuid("athlete_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("calendar_feeds_token_hash_key").on(t.tokenHash),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
  ],
);

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
