import {
  foreignKey,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { athletes } from "./athletes";
import { memberships } from "./organisations";

/** What happened, for whom it matters (issue 17): each kind has its own in-app text and mail preference. */
export const notificationKindEnum = pgEnum("notification_kind", [
  "comment", // a comment or reply on the recipient's run or week, or on an athlete they coach
  "week_published", // athlete: their week was published
  "week_changed", // athlete: a published week of theirs changed
  "run_warning", // coach: an athlete's run raised a warning
  "session_missed", // athlete and coach: a planned session passed without a run
  "rpe_pending", // athlete: imported runs wait for their effort
  "invitation_accepted", // coach or owner: someone joined through their invitation
]);

/**
 * One event in one member's inbox. Texts are written for their reader when the event happens (the
 * athlete reads "your run", the coach the athlete's name); `link` is a path inside the app.
 * `dedupeKey` makes an event recorded twice (a retried job, a scheduler firing twice) one row.
 */
export const notifications = pgTable(
  "notifications",
  {
    ...tenantColumns(),
    recipientUserId: uuid("recipient_user_id").notNull(),
    kind: notificationKindEnum("kind").notNull(),
    athleteId: uuid("athlete_id"),
    actorUserId: uuid("actor_user_id"),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link").notNull(),
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("notifications_inbox_idx").on(t.orgId, t.recipientUserId, t.createdAt),
    uniqueIndex("notifications_dedupe_key").on(t.orgId, t.recipientUserId, t.dedupeKey),
    // The recipient is a member of the organisation; leaving it empties their inbox there.
    foreignKey({
      columns: [t.orgId, t.recipientUserId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.athleteId], foreignColumns: [athletes.orgId, athletes.id] }).onDelete("cascade"),
  ],
);
