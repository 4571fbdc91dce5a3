import { foreignKey, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { athletes } from "./athletes";

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
