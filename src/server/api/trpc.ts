/**
 * tRPC's foundations: the per-request context and the procedure kinds every router builds on.
 * Authorisation starts here: a procedure is public, needs a signed-in user, or (see org procedures)
 * a membership of the organisation it acts on, and for some kinds a role the policy allows. Each kind
 * declares who may call it in the procedure's meta (`access`), which the isolation matrix checks.
 */
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { can, type Action, type Role } from "~/domain/authz/policy";
import type { Database, Tx } from "~/server/db/connection";
import { markWrite, type Pool, type ReadRouting } from "~/server/db/replica";
import type { SessionUser } from "~/server/data/users";
import { withMemberSession, withSession } from "~/server/db/tenant";
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "~/server/db/unavailable";
import { ServiceError } from "~/server/errors";
import { reenterOrganisation } from "~/server/data/organisations";
import { orgActorOf } from "./access";
import { readOnReplica, type CacheWriter } from "./replica-reads";

export interface Context {
  db: Database;
  /** The signed-in user, already checked against the database; null when anonymous. */
  user: SessionUser | null;
  /**
   * The secret of the user's session (from the encrypted cookie): the database derives the request's
   * row-level security context from it (withSession). Null when anonymous; never sent to the client.
   */
  sessionSecret: string | null;
  /** The client's address for rate limits (src/server/auth/client-address.ts); null when unknown. */
  clientAddress: string | null;
  /** Where reads that opt in may go (ADR 023); absent without a replica: everything on `db`. */
  readRouting?: ReadRouting;
}

/** Who may call a procedure: anyone, any signed-in user, or members of the organisation with these roles. */
export type Access = { kind: "public" } | { kind: "signed-in" } | { kind: "member"; roles: readonly Role[] };

export interface ProcedureMeta {
  /** Set by the procedure kind, never by hand. */
  access?: Access;
  /** The message a role-gated kind refuses with, when the kind's own is too general. */
  refusal?: string;
  /**
   * "replica": this query may read from the streaming replica (ADR 023), which falls back to the
   * primary by itself (lag behind the user's last write, an outage). Honoured for queries only.
   */
  reads?: "replica";
}

/**
 * Validation messages keyed by the field's dotted path ("run.rpe"), for forms to show in place: the
 * schema's, or a service's refusal of one field (sent like a schema error).
 */
function fieldErrorsOf(cause: unknown): Record<string, string[]> | undefined {
  if (cause instanceof ServiceError) return cause.field ? { [cause.field]: [cause.message] } : undefined;
  if (!(cause instanceof z.ZodError)) return undefined;
  const errors: Record<string, string[]> = {};
  for (const issue of cause.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

/**
 * A schema's refusal in words a person (or an API client's log) can read: "distanceKm: Enter the
 * distance as a number", not tRPC's default JSON dump of zod's issues.
 */
export function readableValidationMessage(error: z.ZodError): string {
  const MAX = 3;
  const lines = error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = lines.length > MAX ? `; and ${lines.length - MAX} more` : "";
  return lines.slice(0, MAX).join("; ") + more || "The request is not valid.";
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const isInternal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        // Internal errors may carry SQL or constraint names: never show them to the client.
        message: isInternal
          ? "Something went wrong on our side. Please try again."
          : error.cause instanceof z.ZodError
            ? readableValidationMessage(error.cause)
            : shape.message,
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
 * A service's refusal (src/server/errors.ts) as the tRPC error of the same code and message: the one
 * place the two vocabularies meet. tRPC hands it over wrapped, as an internal error's cause.
 */
function serviceErrorAsTrpcError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (!(cause instanceof ServiceError)) return error;
  return new TRPCError({ code: cause.code, message: cause.message, cause });
}

/**
 * The outermost middleware: sees every failure of the procedure, including the transaction's own
 * BEGIN and COMMIT in protectedProcedure. It answers a service's refusal with its own code and turns
 * a database outage into SERVICE_UNAVAILABLE. (The request context reads the user from the database
 * before any middleware: see context.ts.)
 */
const errorsAtTheEdge = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const error = databaseOutageAsServiceUnavailable(serviceErrorAsTrpcError(result.error));
    if (error !== result.error) throw error;
  }
  return result;
});

/**
 * After a mutation committed (with a replica configured): the primary's WAL position into the
 * user's write marker, so their next reads wait for the replica to replay it (ADR 023).
 */
const markWritesForReplicaReads = t.middleware(async ({ ctx, type, next }) => {
  const result = await next();
  if (type === "mutation" && ctx.readRouting) {
    ctx.readRouting.served("primary");
    if (result.ok) await markWrite(ctx.db, ctx.readRouting);
  }
  return result;
});

export const publicProcedure = t.procedure
  .meta({ access: { kind: "public" } })
  .use(errorsAtTheEdge)
  .use(refuseNulCharacters)
  .use(markWritesForReplicaReads);

/**
 * Needs a signed-in user. The procedure runs in one transaction as the restricted app role
 * (`ctx.tx`), where row-level security, set by the database from the session, lets the user see
 * their own account and memberships only.
 */
export const protectedProcedure = publicProcedure
  .meta({ access: { kind: "signed-in" } })
  .use(async ({ ctx, meta, type, next }) => {
    const { user, sessionSecret } = signedIn(ctx);
    const run = async (tx: Tx, sessionUserId: string | null, readsFrom: Pool, writeCache: CacheWriter) => {
      // The session may have ended since the request began (signed out elsewhere).
      if (sessionUserId !== user.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
      return rollBackOnFailure(await next({ ctx: { ...ctx, user, sessionSecret, tx, readsFrom, writeCache } }));
    };
    const onTheReplica = await readOnReplica(ctx, { sessionSecret }, meta, type, (tx, id, _membership, writeCache) =>
      run(tx, id, "replica", writeCache),
    );
    if (onTheReplica.served) return onTheReplica.value;
    return withSession(ctx.db, sessionSecret, (tx, id) => run(tx, id, "primary", (write) => write(tx)));
  });

/** The signed-in caller of a request, or UNAUTHORIZED. */
function signedIn(ctx: Context) {
  const { user, sessionSecret } = ctx;
  if (!user || !sessionSecret) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return { ...ctx, user, sessionSecret };
}

/**
 * next() reports a failed procedure as a result rather than throwing; rethrow it so the transaction
 * rolls back and a refused request leaves no partial write behind.
 */
function rollBackOnFailure<R extends { ok: boolean; error?: unknown }>(result: R): R {
  if (!result.ok) throw result.error;
  return result;
}

// Not trimmed: "slug\r\n" is not an organisation address (trimming let it through to headers and links).
export const orgSlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, "Not an organisation address");

/**
 * The input of an organisation procedure that takes more than `orgSlug`: strict (unknown keys are
 * refused, so nobody can slip in an org_id or a role), with `orgSlug` allowed alongside.
 */
export const orgInput = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ orgSlug: orgSlugSchema, ...shape }).strict();

const ROLES: readonly Role[] = ["owner", "coach", "athlete"];

/**
 * Acts inside one organisation, named by `orgSlug` in the input. The caller's membership is resolved
 * on the server; non-members get NOT_FOUND (not FORBIDDEN), so organisations cannot be discovered.
 * Inside, `ctx.org` and `ctx.actor` are non-null and row-level security is narrowed to the organisation.
 * Any member may call it: what they may do inside is the procedure's to check, per athlete or run
 * (src/server/api/access.ts); gates on the role alone are the kinds below.
 */

export const orgProcedure = publicProcedure
  .meta({ access: { kind: "member", roles: ROLES } })
  .use(({ ctx, next }) => next({ ctx: signedIn(ctx) }))
  .input(z.object({ orgSlug: orgSlugSchema }))
  .use(async ({ ctx, input, meta, type, next }) => {
    const inOrganisation = async (
      tx: Tx,
      resolved: ReturnType<typeof orgActorOf>,
      readsFrom: Pool,
      writeCache: CacheWriter,
    ) => {
      if (!resolved) throw new TRPCError({ code: "NOT_FOUND", message: "Organisation not found." });
      return rollBackOnFailure(await next({ ctx: { ...ctx, tx, ...resolved, readsFrom, writeCache } }));
    };
    // An opted-in query enters the organisation on the replica the same way, in its first statement.
    const enter = { sessionSecret: ctx.sessionSecret, orgSlug: input.orgSlug };
    const onTheReplica = await readOnReplica(ctx, enter, meta, type, async (tx, _id, membership, writeCache) => {
      const resolved = orgActorOf(ctx.user.id, membership);
      // A cache write handed to the primary afterwards starts with the user's context only.
      const inThisOrganisation: CacheWriter = (write) =>
        writeCache(async (primaryTx) => {
          if (resolved && (await reenterOrganisation(primaryTx, resolved.org.id))) await write(primaryTx);
        });
      return inOrganisation(tx, resolved, "replica", inThisOrganisation);
    });
    if (onTheReplica.served) return onTheReplica.value;
    // protectedProcedure's transaction and checks, with the organisation entered in the same first
    // statement (ADR 024): one round trip instead of three on every organisation request.
    return withMemberSession(ctx.db, ctx.sessionSecret, input.orgSlug, async (tx, entered) => {
      if (entered.userId !== ctx.user.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
      return inOrganisation(tx, orgActorOf(ctx.user.id, entered.membership), "primary", (write) => write(tx));
    });
  });

/** An action about the organisation itself (no athlete or run): what a procedure kind can gate on. */
export type OrgAction = Exclude<Action, { athlete: unknown }>;

/**
 * Organisation procedures for the members the policy allows `action` (it depends on the role alone);
 * everyone else is FORBIDDEN before the procedure runs. The kind names the action, so a router says
 * who may call each procedure, and a procedure cannot forget to check.
 */
export function orgProcedureFor(action: OrgAction, refusal = "You are not allowed to do that.") {
  const roles = ROLES.filter((role) => can({ userId: "", role, athleteId: null }, action));
  return orgProcedure.meta({ access: { kind: "member", roles } }).use(({ ctx, meta, next }) => {
    if (!can(ctx.actor, action)) throw new ServiceError("FORBIDDEN", meta?.refusal ?? refusal);
    return next();
  });
}

/**
 * The coaching tools (roster, templates, the organisation's training settings): owners and coaches.
 * What each of them may see inside is still decided per athlete (`athleteFor(…, "coach")`).
 */
export const coachingProcedure = orgProcedureFor(
  { type: "organisation.useCoachingTools" },
  "Only coaches can do that.",
);

/** An athlete acting on their own profile: `ctx.athleteId` is theirs. Everyone else is FORBIDDEN. */
export const athleteProcedure = orgProcedure
  .meta({ access: { kind: "member", roles: ["athlete"] } })
  .use(({ ctx, meta, next }) => {
    const { athleteId } = ctx.actor;
    if (athleteId === null) throw new ServiceError("FORBIDDEN", meta?.refusal ?? "Only athletes can do that.");
    return next({ ctx: { athleteId } });
  });
