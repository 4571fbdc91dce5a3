import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { memberships, organizations } from "./organisations";

/** An athlete's profile in an organisation (one per athlete membership). */
export const athletes = pgTable(
  "athletes",
  {
    ...tenantColumns(),
    userId: uuid("user_id").notNull(),
    displayName: text("display_name").notNull(),
    /** Per-athlete overrides of the organisation's training settings. */
    trainingSettings: jsonb("training_settings").notNull().default({}),
    /** A recent race, for pace guidance (VDOT). */
    raceDistanceM: integer("race_distance_m"),
    raceTimeS: integer("race_time_s"),
    /**
     * Bumped by triggers (migration 0007) whenever anything the rules engine reads about this
     * athlete changes: their runs, planned weeks and sessions, or settings. Cached week digests
     * remember the version they were computed from.
     */
    trainingVersion: integer("training_version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("athletes_org_user_key").on(t.orgId, t.userId),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [memberships.orgId, memberships.userId] }).onDelete(
      "cascade",
    ),
  ],
);

/** Which coaches look after which athlete (many-to-many). */
export const coachAssignments = pgTable(
  "coach_assignments",
  {
    orgId: uuid("org_id").notNull(),
    athleteId: uuid("athlete_id").notNull(),
    coachUserId: uuid("coach_user_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.athleteId, t.coachUserId] }),
    index("coach_assignments_coach_idx").on(t.orgId, t.coachUserId),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.coachUserId], foreignColumns: [memberships.orgId, memberships.userId] }).onDelete(
      "cascade",
    ),
  ],
);
