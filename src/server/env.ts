import "server-only";
import { z } from "zod";

/**
 * Every environment variable the app reads, validated here and nowhere else (ESLint bans
 * `process.env` in the rest of src/, see eslint.config.js). Read lazily, on first use, so `next build`
 * needs no secrets. An empty value counts as unset (`SMTP_URL=` in a .env file means "no SMTP").
 * next-auth reads NEXTAUTH_SECRET and NEXTAUTH_URL itself too; src/lib/clock.ts reads the test clock's
 * variables, as code that also runs in the browser.
 */

const unsetWhenEmpty = (value: unknown) => (value === "" ? undefined : value);

const trustedProxyHopsSchema = z.coerce
  .number({ message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .int({ message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .min(0, { message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .max(10, { message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .default(0);

/** What the app can run without: each has a default or turns a feature off. */
const optionalSchema = z.object({
  NODE_ENV: z.preprocess(unsetWhenEmpty, z.enum(["development", "test", "production"]).default("development")),
  /** The public URL of the app (links in mail); next-auth reads it too. */
  NEXTAUTH_URL: z.preprocess(
    unsetWhenEmpty,
    z.url({ protocol: /^https?$/, message: "NEXTAUTH_URL must be an http(s):// URL" }).optional(),
  ),
  /** Without it, mail goes to the organisation's outbox page instead (src/server/mail/send-mail.ts). */
  SMTP_URL: z.preprocess(
    unsetWhenEmpty,
    z
      .url({ protocol: /^smtps?$/, message: "SMTP_URL must be a URL such as smtps://user:pass@smtp.example.com:465" })
      .optional(),
  ),
  MAIL_FROM: z.preprocess(unsetWhenEmpty, z.string().min(3).default("Runbalance <no-reply@runbalance.example>")),
  /** "1" only when the HTTP benchmark starts the server: exposes /api/bench/select-1. */
  BENCH_ROUTES: z.preprocess(unsetWhenEmpty, z.enum(["0", "1"]).optional()),
  /**
   * How many proxies of our own stand in front of the app: X-Forwarded-For is read that many entries
   * from its right end, never further. 0 (the default): the TCP peer is the client.
   */
  TRUSTED_PROXY_HOPS: z.preprocess(unsetWhenEmpty, trustedProxyHopsSchema),
  /**
   * Without SMTP, mail that has no organisation outbox (sign-up links) is written as files here, for
   * development and the end-to-end tests; unset, it is only logged.
   */
  MAIL_OUTBOX_DIR: z.preprocess(unsetWhenEmpty, z.string().min(1).optional()),
  /**
   * The job queue's login (ADR 017): the tables' owner, which may act as any member (app.act_as).
   * Without it the app's process runs no worker (run `npm run worker` elsewhere).
   */
  WORKER_DATABASE_URL: z.preprocess(
    unsetWhenEmpty,
    z.string().url({ message: "WORKER_DATABASE_URL must be a postgres:// URL" }).optional(),
  ),
  /** "inline" (the default): the app's process also runs the job queue's worker; "off": only `npm run worker` does. */
  RUNBALANCE_WORKER: z.preprocess(unsetWhenEmpty, z.enum(["inline", "off"]).default("inline")),
  /**
   * A hot standby (or a pooler in front of one) for the reads that opt in (ADR 023). Unset: every
   * query goes to DATABASE_URL, as with one database.
   */
  DATABASE_REPLICA_URL: z.preprocess(
    unsetWhenEmpty,
    z.url({ protocol: /^postgres(ql)?$/, message: "DATABASE_REPLICA_URL must be a postgres:// URL" }).optional(),
  ),
  /** "1": tRPC answers say which pool served their reads (`x-runbalance-db`), for the cluster's tests. */
  RUNBALANCE_EXPOSE_DB_ROUTE: z.preprocess(unsetWhenEmpty, z.enum(["0", "1"]).optional()),
});

const requiredSchema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET must be at least 16 characters" }),
});

const schema = requiredSchema.extend(optionalSchema.shape);

export type ServerEnv = z.infer<typeof schema>;
export type OptionalEnv = z.infer<typeof optionalSchema>;

function parse<T>(parser: z.ZodType<T>, source: Record<string, string | undefined>): T {
  const parsed = parser.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new Error(`Invalid server configuration: ${problems}`);
}

/** The optional variables of `source`, validated (exported for tests). */
export const parseOptionalEnv = (source: Record<string, string | undefined>): OptionalEnv =>
  parse(optionalSchema, source);

let cachedServer: ServerEnv | undefined;
let cachedOptional: OptionalEnv | undefined;

/** Validated server configuration, the required variables included (the database, the session secret). */
export function serverEnv(): ServerEnv {
  cachedServer ??= parse(schema, process.env);
  return cachedServer;
}

/** The optional variables only: for code that also runs where the required ones are not set (tests). */
export function optionalEnv(): OptionalEnv {
  cachedOptional ??= parseOptionalEnv(process.env);
  return cachedOptional;
}

/** The app's public URL without a trailing slash, for links sent by mail. */
export function appUrl(): string {
  return (optionalEnv().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

/** TRUSTED_PROXY_HOPS alone (validated the same way), for code that needs no database or secrets. */
export function trustedProxyHops(): number {
  return optionalEnv().TRUSTED_PROXY_HOPS;
}

/** Forgets the validated values, so the next read sees `process.env` again (tests that change it). */
export function rereadEnv(): void {
  cachedServer = undefined;
  cachedOptional = undefined;
}
