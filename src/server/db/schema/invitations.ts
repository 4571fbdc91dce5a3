import { foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantColumns } from "./columns";
import { organizations, roleEnum } from "./organisations";

/**
 * An invitation to join an organisation with a role. Only a SHA-256 hash of the link's token is
 * stored, so a database leak does not leak working links.
 */
export const invitations = pgTable(
  "invitations",
  {
    ...tenantColumns(),
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    invitedBy: uuid("invited_by").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Looked up by token before the organisation is known; the hash is the capability.
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_org_email_idx").on(t.orgId, t.email),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete("cascade"),
  ],
);

/** Mail that was not sent because no SMTP server is configured: the development outbox. */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    ...tenantColumns(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("outbox_emails_org_created_idx").on(t.orgId, t.createdAt),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete("cascade"),
  ],
);
