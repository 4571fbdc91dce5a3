/**
 * The rules engine's public API. Pure: no I/O, no clock, no randomness ("today" is `asOf`),
 * so the server and the browser run the same code.
 *
 *   const input = parseEvaluateInput(json);          // validate (zod) and resolve settings
 *   if (input.ok) evaluateWeek(input.value);          // the verdict; trusts its input
 *
 * Validating untrusted input (parseEvaluateInput, parsePacesInput, resolveSettings and the zod
 * schemas) is the separate entry point `~/domain/rules/parse`: this one loads no zod, so browser
 * code that imports it (the week builder's live preview, labels and dates) stays small.
 *
 * App code that builds WeekInput itself should resolve settings once (resolveSettings) and build
 * runs with every field present, as parseEvaluateInput does (see schemas.ts on why).
 */

// Evaluating a week
export { evaluateWeek } from "./evaluate";
export type { InputError, ParseResult, PathSegment } from "./input-error";
export { AUDIENCES, EXCUSE_REASONS, FLAG_CODES } from "./types";
export { isForAthlete, isForCoach } from "./audience";
export type {
  ActualMix,
  Audience,
  ComplianceColor,
  ComplianceEntry,
  ExcusedDay,
  ExcuseReason,
  Flag,
  FlagCode,
  HistoryRun,
  LoadSummary,
  Measure,
  MixStatus,
  PlanMix,
  PlannedSession,
  Proportions,
  RunInput,
  Severity,
  WeekEvaluation,
  WeekInput,
} from "./types";

// Settings
export { BASES, DEFAULT_SETTINGS, PACE_UNITS } from "./settings";
export type { Basis, FractionRange, MixBands, PaceUnit, TrainingSettings } from "./settings";

// Kinds, categories and RPE
export {
  CATEGORIES,
  DEFAULT_EFFORT_BANDS,
  EFFORT_WORDS,
  KIND_LABELS,
  SESSION_KINDS,
  categoryOf,
  effortCategoryOf,
  isQualityKind,
  rpeWords,
} from "./kinds";
export type { Category, EffortBands, RpeRange, SessionKind } from "./kinds";

// Dates
export { WEEKDAYS, addDays, formatDay, isValidDate, parseDay, weekStartFor, weekdayName } from "./dates";
export type { IsoDate, Weekday } from "./dates";

// Load, compliance and wording helpers the app shows on their own
export { CHRONIC_DAYS, sessionLoad } from "./load";
export { complianceColor, compliancePercent, complianceRate } from "./compliance";
export { PLAN_ESTIMATE_MIN_PER_KM } from "./mix";
export { loadChangeText } from "./messages";

// Paces
export {
  METERS_PER_MILE,
  PREDICTION_DISTANCES_M,
  paceGuidance,
  paceSecondsPerKm,
  raceTimeSeconds,
  secondsPerMile,
  trainingPaces,
  vdotFromRace,
} from "./paces";
export type { PaceGuidance, TrainingPaces } from "./paces";
