/**
 * Validation of the engine's inputs (the CLI's JSON, forms, tRPC). Unknown extra fields are
 * dropped, not rejected. An invalid input yields one message and its path, e.g.
 * { message: "rpe must be a whole number from 1 to 10", path: ["runs", 0, "rpe"] }.
 * `null` is accepted wherever a field is optional, and means "not given".
 */
import { z } from "zod";
import { formatDay, isValidDate, parseDay } from "./dates";
import { fail, toJsonPath, type InputError, type ParseResult, type PathSegment } from "./input-error";
import { SESSION_KINDS } from "./kinds";
import { vdotFromRace } from "./paces";
import { resolveSettings, settingsOverrideSchema } from "./settings-schema";
import {
  EXCUSE_REASONS,
  type ExcusedDay,
  type HistoryRun,
  type PlannedSession,
  type RunInput,
  type WeekInput,
} from "./types";

/** Bounds keep a hostile or broken document from costing unbounded work. */
export const LIMITS = {
  runs: 500,
  plan: 500,
  history: 20_000,
  excused: 1_000,
  idLength: 200,
  durationMin: 10_080,
  distanceKm: 1_000,
} as const;

/** A type error's message: "x is required: …" when missing, "x must be …" otherwise. */
function expected(field: string, what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? `${field} is required: ${what}` : `${field} must be ${what}`,
  };
}

function isoDate(field: string) {
  const what = "a real calendar date written YYYY-MM-DD";
  return z.string(expected(field, what)).refine(isValidDate, { error: `${field} must be ${what}` });
}

const id = z
  .string(expected("id", "a string"))
  .min(1, { error: "id must not be empty" })
  .max(LIMITS.idLength, { error: `id must be at most ${LIMITS.idLength} characters` });

const kind = z.enum(SESSION_KINDS, { error: `kind must be one of ${SESSION_KINDS.join(", ")}` });

const rpe = z
  .number(expected("rpe", "a whole number from 1 to 10"))
  .int({ error: "rpe must be a whole number from 1 to 10" })
  .min(1, { error: "rpe must be a whole number from 1 to 10" })
  .max(10, { error: "rpe must be a whole number from 1 to 10" });

const minutes = z
  .number(expected("durationMin", "a number of minutes above 0"))
  .positive({ error: "durationMin must be above 0" })
  .max(LIMITS.durationMin, { error: `durationMin must be at most ${LIMITS.durationMin}` });

const runDistance = z
  .number(expected("distanceKm", "a number of km"))
  .min(0, { error: "distanceKm must not be negative" })
  .max(LIMITS.distanceKm, { error: `distanceKm must be at most ${LIMITS.distanceKm}` });

const plannedDistance = runDistance.positive({ error: "a planned distanceKm must be above 0" });

/** Optional and nullable; null reads as absent. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

export const runSchema = z.object({
  id,
  date: isoDate("date"),
  kind,
  durationMin: minutes,
  distanceKm: optional(runDistance),
  rpe,
  plannedId: optional(id),
});

export const historyRunSchema = z.object({
  id: optional(id),
  date: isoDate("date"),
  kind,
  durationMin: minutes,
  distanceKm: optional(runDistance),
  rpe,
});

export const plannedSessionSchema = z
  .object({
    id,
    date: isoDate("date"),
    kind,
    durationMin: optional(minutes),
    distanceKm: optional(plannedDistance),
  })
  .refine((session) => session.durationMin !== undefined || session.distanceKm !== undefined, {
    error: "a planned session needs durationMin or distanceKm",
    path: ["durationMin"],
  });

/** An excused day. Dates outside the week are accepted and ignored (a period off may span weeks). */
export const excusedDaySchema = z.object(
  {
    date: isoDate("date"),
    reason: z.enum(EXCUSE_REASONS, { error: `reason must be one of ${EXCUSE_REASONS.join(", ")}` }),
  },
  { error: "an excused day must be an object { date, reason }" },
);

export const evaluateInputSchema = z.object(
  {
    weekStart: isoDate("weekStart"),
    asOf: optional(isoDate("asOf")),
    settings: optional(settingsOverrideSchema),
    plan: optional(
      z.array(plannedSessionSchema).max(LIMITS.plan, { error: `at most ${LIMITS.plan} planned sessions` }),
    ),
    runs: optional(z.array(runSchema).max(LIMITS.runs, { error: `at most ${LIMITS.runs} runs` })),
    history: optional(
      z.array(historyRunSchema).max(LIMITS.history, { error: `at most ${LIMITS.history} history runs` }),
    ),
    historyFrom: optional(isoDate("historyFrom")),
    excused: optional(
      z
        .array(excusedDaySchema, { error: "excused must be a list of { date, reason }" })
        .max(LIMITS.excused, { error: `at most ${LIMITS.excused} excused days` }),
    ),
  },
  { error: "the input must be a JSON object" },
);

export type EvaluateInputJson = z.input<typeof evaluateInputSchema>;

function firstIssue(error: z.ZodError): InputError {
  const issue = error.issues[0];
  return { message: issue?.message ?? "invalid input", path: toJsonPath(issue?.path ?? []) };
}

/** The first item dated outside [from, to], as an error at its date, or null. */
function dateOutside(
  items: readonly { readonly date: string }[],
  field: string,
  from: number,
  to: number,
  why: string,
): InputError | null {
  for (let i = 0; i < items.length; i++) {
    const day = parseDay((items[i] as { date: string }).date) as number;
    if (day < from || day > to) return { message: why, path: [field, i, "date"] };
  }
  return null;
}

function duplicateId(items: readonly { readonly id: string }[], field: string): InputError | null {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const itemId = (items[i] as { id: string }).id;
    if (seen.has(itemId)) return { message: `id "${itemId}" is used twice`, path: [field, i, "id"] };
    seen.add(itemId);
  }
  return null;
}

/*
 * The parsed lists are rebuilt with every field present (undefined when not given), in one key
 * order: objects of one shape keep evaluateWeek's property reads monomorphic, which the hot path
 * needs (measured: about 1.5× faster than the 2–4 shapes optional keys would otherwise give).
 */
function canonicalRun(run: z.output<typeof runSchema>): RunInput {
  return {
    id: run.id,
    date: run.date,
    kind: run.kind,
    durationMin: run.durationMin,
    distanceKm: run.distanceKm,
    rpe: run.rpe,
    plannedId: run.plannedId,
  };
}

function canonicalHistoryRun(run: z.output<typeof historyRunSchema>): HistoryRun {
  return {
    id: run.id,
    date: run.date,
    kind: run.kind,
    durationMin: run.durationMin,
    distanceKm: run.distanceKm,
    rpe: run.rpe,
  };
}

function canonicalPlannedSession(session: z.output<typeof plannedSessionSchema>): PlannedSession {
  return {
    id: session.id,
    date: session.date,
    kind: session.kind,
    durationMin: session.durationMin,
    distanceKm: session.distanceKm,
  };
}

function canonicalExcusedDay(day: z.output<typeof excusedDaySchema>): ExcusedDay {
  return { date: day.date, reason: day.reason };
}

function prefixed(error: InputError, prefix: PathSegment): InputError {
  return { message: error.message, path: [prefix, ...error.path] };
}

/**
 * Validates an `evaluate` document and resolves its settings over the defaults. Beyond the
 * field rules: runs and planned sessions must fall inside the week, history before it, and ids
 * must be unique within runs and within the plan.
 */
export function parseEvaluateInput(raw: unknown): ParseResult<WeekInput> {
  const parsed = evaluateInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const data = parsed.data;
  const settings = resolveSettings(undefined, data.settings);
  if (!settings.ok) return { ok: false, error: prefixed(settings.error, "settings") };

  const start = parseDay(data.weekStart) as number;
  const week = `the week ${data.weekStart} to ${formatDay(start + 6)}`;
  const runs = data.runs ?? [];
  const problem =
    dateOutside(runs, "runs", start, start + 6, `the run is outside ${week}`) ??
    duplicateId(runs, "runs") ??
    dateOutside(data.plan ?? [], "plan", start, start + 6, `the planned session is outside ${week}`) ??
    duplicateId(data.plan ?? [], "plan") ??
    dateOutside(data.history ?? [], "history", -Infinity, start - 1, `history runs must be before ${data.weekStart}`);
  if (problem) return fail(problem.message, problem.path);

  return {
    ok: true,
    value: {
      weekStart: data.weekStart,
      asOf: data.asOf,
      settings: settings.value,
      plan: data.plan?.map(canonicalPlannedSession),
      runs: runs.map(canonicalRun),
      history: data.history?.map(canonicalHistoryRun),
      historyFrom: data.historyFrom,
      excused: data.excused?.map(canonicalExcusedDay),
    },
  };
}

export const pacesInputSchema = z.object(
  {
    distanceM: z
      .number(expected("distanceM", "the race distance in metres"))
      .positive({ error: "distanceM must be above 0" })
      .max(1_000_000, { error: "distanceM must be at most 1000000" }),
    timeS: z
      .number(expected("timeS", "the race time in seconds"))
      .positive({ error: "timeS must be above 0" })
      .max(1_000_000, { error: "timeS must be at most 1000000" }),
  },
  { error: "the input must be a JSON object" },
);

export interface PacesInput {
  readonly distanceM: number;
  readonly timeS: number;
}

/** Validates a `paces` document; a race too slow for the VDOT equations is rejected too. */
export function parsePacesInput(raw: unknown): ParseResult<PacesInput> {
  const parsed = pacesInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { distanceM, timeS } = parsed.data;
  if (!(vdotFromRace(distanceM, timeS) > 0)) return fail("the race is too slow to estimate a VDOT from", ["timeS"]);
  return { ok: true, value: { distanceM, timeS } };
}
