/**
 * The bounds of a plan, as numbers only: the schemas (plan-inputs.ts, zod) enforce them, and the
 * browser's forms show them without loading the validation library.
 */
export const MAX_SESSIONS_PER_WEEK = 21;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_TEMPLATE_NAME_LENGTH = 80;
/** The planned_sessions table's own bounds. */
export const MAX_SESSION_MINUTES = 600;
export const MAX_SESSION_METRES = 300_000;
