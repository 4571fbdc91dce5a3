import "server-only";
import type { ServiceError, ServiceErrorCode } from "~/server/errors";

/**
 * The HTTP status of each service refusal, for route handlers outside tRPC: the one mapping on that
 * side (tRPC answers the same codes with the same statuses, which service-errors.test.ts checks).
 */
export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<ServiceErrorCode, number>;

export type RefusalStatus = (typeof HTTP_STATUS)[ServiceErrorCode];

export const httpStatusOf = (error: ServiceError): RefusalStatus => HTTP_STATUS[error.code];
