import { boolean, index, pgSchema, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Tables only the database's own functions read and write (drizzle/0009_verified_context.sql): the
 * app's role has no privilege on this schema at all. They hold credentials (session secrets' hashes,
 * pending sign-ups' password hashes) and the counters that throttle guessing, so a query the app could
 * be tricked into running cannot read, forge or reset them.
 */
export const appPrivate = pgSchema("app_private");

/** A signed-in browser. The cookie carries a random secret; only its SHA-256 is stored. */
export const sessions = appPrivate.table(
  "sessions",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Sign-in, password-change and sign-up attempts, the counters behind their limits (ADR 010). `account`
 * is the normalised email (the user id for password changes); `address` the client's, as
 * TRUSTED_PROXY_HOPS resolves it.
 */
export const authAttempts = appPrivate.table(
  "auth_attempts",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    action: text("action", { enum: ["sign_in", "change_password", "sign_up"] }).notNull(),
    account: text("account").notNull(),
    address: text("address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("auth_attempts_account_idx").on(t.action, t.account, t.attemptedAt),
    index("auth_attempts_address_idx").on(t.action, t.address, t.attemptedAt),
    index("auth_attempts_time_idx").on(t.attemptedAt),
  ],
);

/**
 * A sign-up waiting for its email to be confirmed: the account is only created from the link sent to
 * the address, so sign-up answers the same whether or not the address already has an account.
 */
export const signUpRequests = appPrivate.table(
  "sign_up_requests",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    organisationName: text("organisation_name").notNull(),
    /** argon2id PHC string of the password chosen at sign-up. */
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sign_up_requests_email_idx").on(t.email)],
);
