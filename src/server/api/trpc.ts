/**
 * tRPC's foundations: the per-request context and the procedure kinds every router builds on.
 * Authorisation starts here: a procedure is public, needs a signed-in user, or (see org procedures)
 * a membership of the organisation it acts on.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import type { Actor } from "~/domain/authz/policy";
import type { Database } from "~/server/db/connection";
import { enterOrganisation, findAthleteByUser } from "~/server/data/organisations";
import type { Tx } from "~/server/db/connection";
import type { SessionUser } from "~/server/data/users";
import { withSession } from "~/server/db/tenant";
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "~/server/db/unavailable";

export interface Context {
  db: Database;
  /** The signed-in user, already checked against the database; null when anonymous. */
  user: SessionUser | null;
  /**
   * The secret of the user's session (from the encrypted cookie): the database derives the request's
   * row-level security context from it (withSession). Null when anonymous; never sent to the client.
   */
  sessionSecret: string | null;
  /** The client's address for rate limits (src/server/http/client-address.ts); null when unknown. */
  clientAddress: string | null;
}

/**
 * A refusal about one input field that only the server can judge (e.g. a date after the athlete's
 * today): sent like a schema error, so forms show it next to the field.
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Throws a BAD_REQUEST whose message the form shows at `field`. */
export function refuseField(field: string, message: string): never {
  throw new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(field, message) });
}

/** Validation messages keyed by the field's dotted path ("run.rpe"), for forms to show in place. */
function fieldErrorsOf(cause: unknown): Record<string, string[]> | undefined {
  if (cause instanceof FieldError) return { [cause.field]: [cause.message] };
  if (!(cause instanceof z.ZodError)) return undefined;
  const errors: Record<string, string[]> = {};
  for (const issue of cause.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const isInternal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Internal errors may carry SQL or constraint names: never show them to the client.
      message: isInternal ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        fieldErrors: fieldErrorsOf(error.cause),
      },
    };
  },
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Looks through strings, arrays and objects without recursion: inputs can be nested thousands deep. */
function containsNulCharacter(input: unknown): boolean {
  const pending = [input];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string" && value.includes("\u0000")) return true;
    if (typeof value === "object" && value !== null) for (const item of Object.values(value)) pending.push(item);
  }
  return false;
}

/**
 * PostgreSQL text cannot hold U+0000 (the query fails: a 500). No form can type one, so an input
 * with one anywhere is refused as a bad request before the procedure runs.
 */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  if (containsNulCharacter(await getRawInput()))
    throw new TRPCError({ code: "BAD_REQUEST", message: "Text must not contain NUL characters." });
  return next();
});

/**
 * A failure that means the database is unreachable (restarting, failing over; see
 * src/server/db/unavailable.ts) as SERVICE_UNAVAILABLE, HTTP 503: the client may send the same request
 * again shortly (writes carry idempotency keys). Any other error is returned as it is.
 */
export function databaseOutageAsServiceUnavailable(error: unknown): unknown {
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  if (!isDatabaseUnavailable(error)) return error;
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: SERVICE_UNAVAILABLE_MESSAGE,
    cause: error instanceof TRPCError ? error.cause : error,
  });
}

/**
 * The outermost middleware: sees every failure of the procedure, including the transaction's own
 * BEGIN and COMMIT in protectedProcedure, and turns a database outage into SERVICE_UNAVAILABLE.
 * (The request context reads the user from the database before any middleware: see context.ts.)
 */
const databaseOutageAs503 = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const error = databaseOutageAsServiceUnavailable(result.error);
    if (error !== result.error) throw error;
  }
  return result;
});

export const publicProcedure = t.procedure.use(databaseOutageAs503).use(refuseNulCharacters);

/**
 * Needs a signed-in user. The procedure runs in one transaction as the restricted app role
 * (`ctx.tx`), where row-level security, set by the database from the session, lets the user see
 * their own account and memberships only.
 */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const { user, sessionSecret } = ctx;
  if (!user || !sessionSecret) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return withSession(ctx.db, sessionSecret, async (tx, sessionUserId) => {
    // The session may have ended since the request began (signed out elsewhere).
    if (sessionUserId !== user.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
    const result = await next({ ctx: { ...ctx, user, sessionSecret, tx } });
    // next() reports a failed procedure as a result rather than throwing; rethrow it so the
    // transaction rolls back and a refused request leaves no partial write behind.
    if (!result.ok) throw result.error;
    return result;
  });
});

export const orgSlugSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, "Not an organisation address");

/**
 * "User X acting in organisation <slug>": the organisation and the caller as a policy actor, with
 * row-level security narrowed to that organisation; null for non-members. Shared by orgProcedure and
 * the few route handlers that are not tRPC (file uploads).
 */
export async function resolveOrgActor(tx: Tx, userId: string, orgSlug: string) {
  const membership = await enterOrganisation(tx, userId, orgSlug);
  if (!membership) return null;
  // Athlete profiles are tenant rows: readable only now that the organisation is set.
  const [athlete] = membership.role === "athlete" ? await findAthleteByUser(tx, membership.org.id, userId) : [];
  const actor: Actor = { userId, role: membership.role, athleteId: athlete?.id ?? null };
  return { org: membership.org, actor };
}

/**
 * The input of an organisation procedure that takes more than `orgSlug`: strict (unknown keys are
 * refused, so nobody can slip in an org_id or a role), with `orgSlug` allowed alongside.
 */
export const orgInput = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ orgSlug: orgSlugSchema, ...shape }).strict();

/**
 * Acts inside one organisation, named by `orgSlug` in the input. The caller's membership is resolved
 * on the server; non-members get NOT_FOUND (not FORBIDDEN), so organisations cannot be discovered.
 * Inside, `ctx.org` and `ctx.actor` are non-null and row-level security is narrowed to the organisation.
 */
export const orgProcedure = protectedProcedure
  .input(z.object({ orgSlug: orgSlugSchema }))
  .use(async ({ ctx, input, next }) => {
    const resolved = await resolveOrgActor(ctx.tx, ctx.user.id, input.orgSlug);
    if (!resolved) throw new TRPCError({ code: "NOT_FOUND", message: "Organisation not found." });
    return next({ ctx: { ...ctx, ...resolved } });
  });

/** Throws FORBIDDEN unless `allowed`; the one way procedures turn a `can()` answer into a refusal. */
export function ensure(allowed: boolean, message = "You are not allowed to do that."): asserts allowed {
  if (!allowed) throw new TRPCError({ code: "FORBIDDEN", message });
}
