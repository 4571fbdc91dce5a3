/** The engine's input and output shapes (the CLI contract's JSON, as TypeScript). */
import type { IsoDate } from "./dates";
import type { SessionKind } from "./kinds";
import type { Basis, TrainingSettings } from "./settings";

/** A completed run. */
export interface RunInput {
  readonly id: string;
  readonly date: IsoDate;
  readonly kind: SessionKind;
  /** > 0 */
  readonly durationMin: number;
  /** ≥ 0, optional: a run without it counts 0 on the distance basis. */
  readonly distanceKm?: number;
  /** Integer 1..10, the athlete's rating of the whole session. */
  readonly rpe: number;
  /** The planned session this run was meant to be. */
  readonly plannedId?: string;
}

/** A run from before the week: used for the load ratio and back-to-back quality. */
export interface HistoryRun {
  readonly id?: string;
  readonly date: IsoDate;
  readonly kind: SessionKind;
  readonly durationMin: number;
  readonly distanceKm?: number;
  readonly rpe: number;
}

/** A planned session: at least one of durationMin and distanceKm. */
export interface PlannedSession {
  readonly id: string;
  readonly date: IsoDate;
  readonly kind: SessionKind;
  readonly durationMin?: number;
  readonly distanceKm?: number;
}

/** A week to evaluate, already validated (see parseEvaluateInput). */
export interface WeekInput {
  /** The week is weekStart .. weekStart + 6, whatever weekday weekStart is. */
  readonly weekStart: IsoDate;
  /** "Today": planned sessions before it without a run are missed. Default: weekStart + 7. */
  readonly asOf?: IsoDate;
  /** Resolved settings (see resolveSettings). Default: DEFAULT_SETTINGS. */
  readonly settings?: TrainingSettings;
  readonly plan?: readonly PlannedSession[];
  readonly runs: readonly RunInput[];
  readonly history?: readonly HistoryRun[];
  /** From when the history is complete. Default: the earliest history date. */
  readonly historyFrom?: IsoDate;
  /** Days the athlete could not train; dates outside the week are ignored. */
  readonly excused?: readonly ExcusedDay[];
}

export const EXCUSE_REASONS = ["ill", "injured", "travel", "unavailable", "other"] as const;
export type ExcuseReason = (typeof EXCUSE_REASONS)[number];

/** A day the athlete marked as excused: its planned sessions without a run are neither missed nor judged. */
export interface ExcusedDay {
  readonly date: IsoDate;
  readonly reason: ExcuseReason;
}

export type MixStatus = "ok" | "insufficient_data";

export interface Proportions {
  readonly recovery: number;
  readonly aerobic: number;
  readonly quality: number;
}

export interface PlanMix {
  readonly status: MixStatus;
  readonly proportions: Proportions | null;
}

export interface LoadSummary {
  readonly weekly: number;
  /** Seven daily loads, weekStart first. */
  readonly daily: number[];
  readonly monotony: number | null;
  readonly strain: number | null;
  /** This week's mean daily load ÷ that of the 21 days before; null without enough history. */
  readonly ratio: number | null;
}

export interface ActualMix {
  readonly status: MixStatus;
  /** By label: each run in the category of its kind. */
  readonly proportions: Proportions | null;
  /** By effort: each run in the category of its RPE band. */
  readonly effortProportions: Proportions | null;
  readonly load: LoadSummary;
}

/** "excused": on an excused day and not run, so not judged (percent null). */
export type ComplianceColor = "green" | "yellow" | "red" | "excused";

export interface ComplianceEntry {
  readonly plannedId: string;
  readonly runId: string | null;
  /** null while the session is still upcoming, and for an excused session. */
  readonly percent: number | null;
  /** null while the session is still upcoming. */
  readonly color: ComplianceColor | null;
}

export const FLAG_CODES = [
  "aerobic_low",
  "aerobic_high",
  "recovery_low",
  "recovery_high",
  "quality_high",
  "recovery_too_hard",
  "recovery_too_long",
  "aerobic_too_hard",
  "aerobic_too_easy",
  "aerobic_too_short",
  "quality_too_easy",
  "quality_back_to_back",
  "monotony_high",
  "load_spike",
  "missed_session",
  "unplanned_session",
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export type Severity = "info" | "warning";

/** What a flag is about: run labels, run efforts (RPE), or the plan. */
export type Measure = "label" | "effort" | "plan";

export const AUDIENCES = ["athlete", "coach", "both"] as const;
/** Who a flag is for: plan flags are the coach's alone (an athlete cannot change the plan). */
export type Audience = (typeof AUDIENCES)[number];

export interface Flag {
  readonly code: FlagCode;
  readonly severity: Severity;
  readonly audience: Audience;
  readonly measure?: Measure;
  readonly runId?: string;
  readonly plannedId?: string;
  /** The numbers that triggered the flag, e.g. { rpe: 5, max: 3 }. */
  readonly values: Readonly<Record<string, number>>;
  /** To the athlete, in the second person ("Your recovery run on Tuesday was RPE 5; …"). */
  readonly message: string;
  /**
   * To the coach, about the athlete, in the third person: the facts and what the coach can do
   * ("Recovery run on Tuesday at RPE 5 (target 1–3). …"). Starts with a capital and no name: the
   * app puts the athlete's name in front.
   */
  readonly coachMessage: string;
}

export interface WeekEvaluation {
  readonly week: { readonly start: IsoDate; readonly end: IsoDate };
  readonly basis: Basis;
  /** null when no plan was given. */
  readonly plan: PlanMix | null;
  readonly actual: ActualMix;
  /** One entry per planned session, in plan order. */
  readonly compliance: ComplianceEntry[];
  /** A set: order carries no meaning. */
  readonly flags: Flag[];
}
