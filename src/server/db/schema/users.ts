import { sql } from "drizzle-orm";
import { check, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

/** People who can sign in. Global (not tenant-owned): one account may belong to several organisations. */
export const users = pgTable(
  "users",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Stored lower-cased and trimmed; see `normaliseEmail`. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id PHC string. */
    passwordHash: text("password_hash").notNull(),
    units: text("units", { enum: ["km", "mi"] })
      .notNull()
      .default("km"),
    timeZone: text("time_zone").notNull().default("UTC"),
    /** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
    weekStartDay: smallint("week_start_day").notNull().default(1),
    /** Mail per kind of notification (src/domain/notifications/mail-preferences.ts); missing kinds take the default. */
    mailPreferences: jsonb("mail_preferences").$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    check("users_week_start_day_range", sql`${t.weekStartDay} between 0 and 6`),
  ],
);
