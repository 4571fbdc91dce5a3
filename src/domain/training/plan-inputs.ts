/**
 * The shapes a coach sends when planning: a session of a week or of a template, and calendar dates.
 * Shared by tRPC inputs (strict, bounded) and the browser's forms, so both refuse the same things.
 */
import { z } from "zod";
import { isValidDate, SESSION_KINDS } from "~/domain/rules";
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_SESSION_METRES,
  MAX_SESSION_MINUTES,
  MAX_TEMPLATE_NAME_LENGTH,
} from "./plan-limits";
import { withPlannedAmounts } from "./workout-paces";
import { readWorkoutStructure, workoutStructureSchema } from "./workout-schema";
import type { WorkoutStructure } from "./workout-structure";

export {
  MAX_DESCRIPTION_LENGTH,
  MAX_SESSION_METRES,
  MAX_SESSION_MINUTES,
  MAX_SESSIONS_PER_WEEK,
  MAX_TEMPLATE_NAME_LENGTH,
} from "./plan-limits";

/** Control characters (tabs and line breaks aside): PostgreSQL refuses NUL in text, and none belongs in a plan. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Free text a coach types: trimmed, bounded, without control characters. */
export function plainText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((text) => !CONTROL.test(text), "Remove the control characters from the text");
}

/** A calendar day "YYYY-MM-DD" in this century: anything else is a typo or an attack. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date written YYYY-MM-DD")
  .refine(isValidDate, "Not a real calendar date")
  .refine((date) => date >= "2000-01-01" && date <= "2099-12-31", "Pick a date between 2000 and 2099");

const sessionFields = {
  /** Day offset from the athlete's week start: 0 is the first day of their week. */
  day: z.number().int().min(0).max(6),
  kind: z.enum(SESSION_KINDS),
  durationMin: z
    .number()
    .int("Minutes must be a whole number")
    .min(1, "At least 1 minute")
    .max(MAX_SESSION_MINUTES, `At most ${MAX_SESSION_MINUTES} minutes`)
    .nullable(),
  distanceM: z
    .number()
    .int()
    .min(1, "The distance must be above 0")
    .max(MAX_SESSION_METRES, "At most 300 km")
    .nullable(),
  targetRpe: z.number().int().min(1).max(10).nullable(),
  description: plainText(MAX_DESCRIPTION_LENGTH),
  /** The session's steps; when given, its duration and distance are computed from them. */
  structure: workoutStructureSchema.nullish(),
};

const hasAmount = (s: { durationMin: number | null; distanceM: number | null; structure?: unknown }) =>
  s.durationMin !== null || s.distanceM !== null || (s.structure !== null && s.structure !== undefined);
const AMOUNT_NEEDED = { message: "Give each session a duration or a distance", path: ["durationMin"] };

/** Steps that add up to more than a session may hold (estimated without an athlete's paces). */
const structureFits = (s: {
  structure?: WorkoutStructure | null;
  durationMin: number | null;
  distanceM: number | null;
}) => withPlannedAmounts(s, null).ok;
const STRUCTURE_TOO_LONG = { message: "The steps add up to more than 10 hours or 300 km", path: ["structure"] };

/** A session of a template (by day offset). */
export const templateSessionSchema = z
  .strictObject(sessionFields)
  .refine(hasAmount, AMOUNT_NEEDED)
  .refine(structureFits, STRUCTURE_TOO_LONG);
export type TemplateSession = z.output<typeof templateSessionSchema>;

/** A session of a week being saved; `id` names a session the week already has (kept, so runs stay linked). */
export const weekSessionSchema = z
  .strictObject({ id: z.string().uuid().optional(), ...sessionFields })
  .refine(hasAmount, AMOUNT_NEEDED);
export type WeekSessionInput = z.output<typeof weekSessionSchema>;

export const templateNameSchema = plainText(MAX_TEMPLATE_NAME_LENGTH).refine(
  (name) => name.length > 0,
  "Give the template a name",
);

/** Templates as stored (jsonb): optional amounts may be missing, and old rows may lack a description. */
const storedSessionSchema = z.object({
  day: z.number().int().min(0).max(6),
  kind: z.enum(SESSION_KINDS),
  durationMin: z.number().int().min(1).max(MAX_SESSION_MINUTES).nullish(),
  distanceM: z.number().int().min(1).max(MAX_SESSION_METRES).nullish(),
  targetRpe: z.number().int().min(1).max(10).nullish(),
  description: z.string().max(MAX_DESCRIPTION_LENGTH).optional(),
  structure: z.unknown().optional(),
});

/** Reads a stored template's sessions, dropping entries that no longer make sense rather than failing. */
export function readTemplateSessions(stored: unknown): TemplateSession[] {
  if (!Array.isArray(stored)) return [];
  const sessions: TemplateSession[] = [];
  for (const item of stored) {
    const parsed = storedSessionSchema.safeParse(item);
    if (!parsed.success) continue;
    const s = parsed.data;
    const structure = readWorkoutStructure(s.structure);
    const session = {
      day: s.day,
      kind: s.kind,
      durationMin: s.durationMin ?? null,
      distanceM: s.distanceM ?? null,
      targetRpe: s.targetRpe ?? null,
      description: s.description ?? "",
      ...(structure ? { structure } : {}),
    };
    if (hasAmount(session)) sessions.push(session);
  }
  return sessions;
}

/**
 * The stored form: optional fields omitted rather than null, as documented on week_templates.sessions.
 * A structured session's amounts are estimated without an athlete's paces (applying the template
 * computes each athlete's own).
 */
export function storedTemplateSessions(sessions: readonly TemplateSession[]) {
  return sessions
    .map((session) => withPlannedAmounts(session, null))
    .map((result, i) => {
      const s = result.ok ? result.session : sessions[i]!;
      return {
        day: s.day,
        kind: s.kind,
        ...(s.durationMin === null ? {} : { durationMin: s.durationMin }),
        ...(s.distanceM === null ? {} : { distanceM: s.distanceM }),
        ...(s.targetRpe === null ? {} : { targetRpe: s.targetRpe }),
        description: s.description,
        ...(s.structure ? { structure: s.structure } : {}),
      };
    });
}
