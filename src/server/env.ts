import { z } from "zod";

const trustedProxyHopsSchema = z.coerce
  .number({ message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .int({ message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .min(0, { message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .max(10, { message: "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10" })
  .default(0);

const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET must be at least 16 characters" }),
  NEXTAUTH_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /**
   * How many proxies of our own stand in front of the app: X-Forwarded-For is read that many entries
   * from its right end, never further. 0 (the default): the TCP peer is the client.
   */
  TRUSTED_PROXY_HOPS: trustedProxyHopsSchema,
});

export type ServerEnv = z.infer<typeof schema>;

let cached: ServerEnv | undefined;

/** Validated server configuration, read lazily so `next build` needs no secrets. */
export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid server configuration: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** TRUSTED_PROXY_HOPS alone (validated the same way), for code that needs no database or secrets. */
export function trustedProxyHops(): number {
  const parsed = trustedProxyHopsSchema.safeParse(process.env.TRUSTED_PROXY_HOPS);
  if (!parsed.success) throw new Error(`Invalid server configuration: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
