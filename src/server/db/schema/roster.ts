import { date, foreignKey, integer, json, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { athletes } from "./athletes";

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
