/**
 * The rules engine's input validation (zod): untrusted JSON in, a typed value or one message and
 * its path out. A separate entry point from `~/domain/rules` (index.ts), which loads no zod: the
 * server, the command line and the forms' checks import this one; code that only evaluates or
 * labels does not need it.
 */
export {
  LIMITS,
  evaluateInputSchema,
  excusedDaySchema,
  historyRunSchema,
  pacesInputSchema,
  parseEvaluateInput,
  parsePacesInput,
  plannedSessionSchema,
  runSchema,
} from "./schemas";
export type { EvaluateInputJson, PacesInput } from "./schemas";
export { resolveSettings, settingsOverrideSchema, strictSettingsOverrideSchema } from "./settings-schema";
export type { SettingsOverride } from "./settings-schema";
export type { InputError, ParseResult, PathSegment } from "./input-error";
