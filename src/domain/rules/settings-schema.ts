/**
 * Training settings as stored and sent: the schema of a partial override (organisation default or
 * athlete override), and how the layers are validated and merged over the defaults.
 */
import { z } from "zod";
import { WEEKDAYS } from "./dates";
import { fail, toJsonPath, type ParseResult, type PathSegment } from "./input-error";
import type { EffortBands, RpeRange } from "./kinds";
import { BASES, DEFAULT_SETTINGS, PACE_UNITS, type TrainingSettings } from "./settings";

const fraction = z.number({ error: "must be a number between 0 and 1" }).min(0).max(1);
const rpe = z.number({ error: "must be an integer RPE from 1 to 10" }).int().min(1).max(10);

function orderedPair(item: z.ZodNumber) {
  return z
    .tuple([item, item])
    .refine(([lo, hi]) => lo <= hi, { error: "the lower bound must not be above the upper bound" });
}

/** Objects are stripped of unknown keys for the CLI and forms, and strict for tRPC inputs. */
function makeOverrideSchema(strict: boolean) {
  const object = <Shape extends z.ZodRawShape>(shape: Shape) => (strict ? z.strictObject(shape) : z.object(shape));
  return object({
    basis: z.enum(BASES, { error: `basis must be one of ${BASES.join(", ")}` }).optional(),
    bands: object({
      aerobic: orderedPair(fraction).optional(),
      recovery: orderedPair(fraction).optional(),
      qualityMax: fraction.optional(),
    }).optional(),
    effortBands: object({
      recovery: orderedPair(rpe).optional(),
      aerobic: orderedPair(rpe).optional(),
      quality: orderedPair(rpe).optional(),
    }).optional(),
    recoveryMaxMin: z.number().positive().max(1440).optional(),
    aerobicMinMin: z.number().min(0).max(1440).optional(),
    durationTolerance: fraction.optional(),
    minRunsForMix: z.number().int().min(1).max(1000).optional(),
    monotonyMax: z.number().positive().max(1000).optional(),
    loadSpikeRatio: z.number().positive().max(1000).optional(),
    nearEdge: fraction.optional(),
    weekStartDay: z.enum(WEEKDAYS).optional(),
    paceUnit: z.enum(PACE_UNITS).optional(),
  });
}

/** A partial settings override; unknown keys are dropped. */
export const settingsOverrideSchema = makeOverrideSchema(false);
/** The same, rejecting unknown keys at every level (for tRPC inputs). */
export const strictSettingsOverrideSchema = makeOverrideSchema(true);

export type SettingsOverride = z.input<typeof settingsOverrideSchema>;

function merge(base: TrainingSettings, override: z.output<typeof settingsOverrideSchema>): TrainingSettings {
  const { bands, effortBands, ...scalars } = override;
  return {
    ...base,
    ...definedOnly(scalars),
    bands: { ...base.bands, ...definedOnly(bands ?? {}) },
    effortBands: { ...base.effortBands, ...definedOnly(effortBands ?? {}) },
  };
}

/** Drops keys set to undefined, so that they do not hide the layer below. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const EFFORT_ORDER = ["recovery", "aerobic", "quality"] as const;

/** Effort bands must be contiguous and cover 1..10, so every RPE has exactly one category. */
function effortBandsProblem(bands: EffortBands): { message: string; path: PathSegment[] } | null {
  let expectedLo = 1;
  for (const name of EFFORT_ORDER) {
    const [lo, hi]: RpeRange = bands[name];
    if (lo !== expectedLo) {
      return {
        message: `effort bands must be contiguous and cover RPE 1–10: ${name} should start at ${expectedLo}`,
        path: ["effortBands", name],
      };
    }
    expectedLo = hi + 1;
  }
  if (expectedLo !== 11) {
    return {
      message: "effort bands must be contiguous and cover RPE 1–10: quality should end at 10",
      path: ["effortBands", "quality"],
    };
  }
  return null;
}

/**
 * The settings in force: the defaults, then each layer in order, each over the one before (the app
 * passes organisation default, athlete override, then the override of the season phase judging the
 * week: ADR 016). Each layer is validated; an error's path is relative to the settings object.
 */
export function resolveSettings(...layers: unknown[]): ParseResult<TrainingSettings> {
  let settings = DEFAULT_SETTINGS;
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    const parsed = settingsOverrideSchema.safeParse(layer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(issue?.message ?? "invalid settings", toJsonPath(issue?.path ?? []));
    }
    settings = merge(settings, parsed.data);
  }
  const problem = effortBandsProblem(settings.effortBands);
  return problem ? fail(problem.message, problem.path) : { ok: true, value: settings };
}
