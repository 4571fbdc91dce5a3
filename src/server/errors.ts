/**
 * The one error type of the server's own code: services and access checks refuse with a
 * `ServiceError` (a code, a message for the person, optionally the input field it is about), never
 * with a transport's error. Each edge maps it once: tRPC in src/server/api/trpc.ts, route handlers
 * in src/server/http/service-error.ts. So a service can be called from a procedure, a route handler,
 * a script or a background job alike. Anything else thrown is an internal error.
 */
import "server-only";

export type ServiceErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  /** This caller sent too much too fast: try again later (HTTP 429). */
  | "TOO_MANY_REQUESTS"
  /** Everyone's capacity is full right now: try again shortly (HTTP 503). */
  | "SERVICE_UNAVAILABLE";

export class ServiceError extends Error {
  override readonly name = "ServiceError";

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** The input field the refusal is about ("run.date"), for forms to show it in place. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Refuses one input field that only the server can judge (e.g. a date after the athlete's today). */
export function refuseField(field: string, message: string): never {
  throw new ServiceError("BAD_REQUEST", message, field);
}

/** Throws FORBIDDEN unless `allowed`: how a `can()` answer becomes a refusal. */
export function ensure(allowed: boolean, message = "You are not allowed to do that."): asserts allowed {
  if (!allowed) throw new ServiceError("FORBIDDEN", message);
}
