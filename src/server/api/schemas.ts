import "server-only";
import { z } from "zod";
import { isValidTimeZone } from "~/lib/zoned-time";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "~/server/auth/password";

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);
export const nameSchema = z.string().trim().min(1, "Enter your name").max(80);
/** Length only: whether it is too common is checked on the server (src/server/auth/password-policy.ts). */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`);
export const roleSchema = z.enum(["owner", "coach", "athlete"]);
export const idSchema = z.string().uuid("Not a valid id");
/**
 * The zone the browser reports when an account is created: the account starts in it. An unknown or
 * missing one keeps the default (UTC) rather than refusing the account.
 */
export const browserTimeZoneSchema = z
  .string()
  .max(64)
  .optional()
  .transform((zone) => (zone && isValidTimeZone(zone) ? zone : undefined));
