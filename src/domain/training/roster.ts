/**
 * The roster's reading of an athlete's recent weeks: their most important flags (ranked by
 * flags.ts), how well the plan was followed, and how urgently the coach should look. Pure: it only
 * summarises engine evaluations.
 */
import {
  complianceRate,
  type ComplianceEntry,
  type Flag,
  type FlagCode,
  type Proportions,
  type WeekEvaluation,
} from "~/domain/rules";
import { flagsSoFar, rankFlags, type RankedFlag } from "./flags";
import type { PlannedRow, RunRow } from "./week-input";

/** How much each occurrence of a warning weighs towards "needs attention"; unlisted warnings weigh 3. */
const WEIGHT: Partial<Record<FlagCode, number>> = {
  recovery_too_hard: 10,
  quality_high: 10,
  load_spike: 10,
  missed_session: 5,
};
/**
 * A share a little outside its band is raised once per measure (label, effort, plan): it weighs 2
 * once, however often it was raised, so mild drift alone does not make an athlete urgent.
 */
const MILD_MIX = new Set<FlagCode>(["aerobic_low", "aerobic_high", "recovery_low", "recovery_high"]);
/** From this score an athlete is shown as needing attention: one major warning, or several smaller ones. */
export const ATTENTION_THRESHOLD = 10;

/** Higher is more urgent; each occurrence of a warning adds its weight. */
export function attentionScore(flags: readonly RankedFlag[]): number {
  return flags.reduce((score, f) => {
    if (f.severity === "info") return score;
    return score + (MILD_MIX.has(f.code) ? 2 : (WEIGHT[f.code] ?? 3) * f.count);
  }, 0);
}

export interface ComplianceSummary {
  /** Sessions already judged (done or missed); upcoming and excused sessions are not. */
  due: number;
  green: number;
  missed: number;
  /** green ÷ due, null when nothing was due yet. */
  greenShare: number | null;
}

export function complianceSummary(entries: readonly ComplianceEntry[]): ComplianceSummary {
  let due = 0;
  let green = 0;
  let missed = 0;
  for (const entry of entries) {
    if (entry.color === null || entry.color === "excused") continue;
    due++;
    if (entry.color === "green") green++;
    if (entry.runId === null) missed++;
  }
  return { due, green, missed, greenShare: complianceRate(entries) };
}

export interface WeekMix {
  weekStart: string;
  /** What was run, by session label and by effort (RPE); null while there is too little to tell. */
  label: Proportions | null;
  effort: Proportions | null;
  /** The coach's plan for the week; null without a plan or with too few sessions. */
  plan: Proportions | null;
}

export interface RosterSummary {
  /** Oldest first; the last one is the current week. */
  weeks: WeekMix[];
  thisWeek: {
    weekStart: string;
    plannedMin: number;
    doneMin: number;
    doneM: number;
    plannedSessions: number;
    runs: number;
  };
  compliance: ComplianceSummary;
  /** Most important first. */
  flags: RankedFlag[];
  attention: number;
  needsAttention: boolean;
}

/** How many of the most recent weeks the roster's flags come from: the current one and the last full one. */
export const FLAG_WEEKS = 2;

/**
/**
 * The version of what digestWeek stores. Bump it whenever a digest's shape or the engine's verdict
 * on the same data changes (new rules, severities, wording): cached digests of another version,
 * or of none (before versions), are then recomputed instead of served.
 * 2: flags have near-edge severities and two-decimal ratios; excused sessions are not counted.
 * 3: the distance run (doneM), for the roster's weekly totals.
 */
export const WEEK_DIGEST_VERSION = 3;

/** Whether a stored digest (any JSON) was made by this version of digestWeek. */
export function isCurrentDigest(digest: unknown): boolean {
  return typeof digest === "object" && digest !== null && "version" in digest && digest.version === WEEK_DIGEST_VERSION;
}

/**
 * What the roster keeps of one evaluated week: small enough to cache per athlete and week (see
 * server/services/week-digests.ts), and all the roster line needs. JSON-safe.
 */
export interface WeekDigest {
  version: number;
  weekStart: string;
  label: Proportions | null;
  effort: Proportions | null;
  plan: Proportions | null;
  flags: Array<Pick<Flag, "code" | "severity" | "message" | "measure">>;
  compliance: Omit<ComplianceSummary, "greenShare">;
  plannedMin: number;
  plannedSessions: number;
  doneS: number;
  /** Metres run, over the runs with a distance. */
  doneM: number;
  runs: number;
}

/** Digests one evaluated week from the engine's evaluation and any superset of the rows it was built from. */
export function digestWeek(
  evaluation: WeekEvaluation,
  rows: { planned: readonly PlannedRow[]; runs: readonly RunRow[] },
): WeekDigest {
  const { start, end } = evaluation.week;
  const inWeek = (date: string) => date >= start && date <= end;
  const planned = rows.planned.filter((p) => inWeek(p.date));
  const runs = rows.runs.filter((r) => inWeek(r.localDate));
  const { due, green, missed } = complianceSummary(evaluation.compliance);
  return {
    version: WEEK_DIGEST_VERSION,
    weekStart: start,
    label: evaluation.actual.proportions,
    effort: evaluation.actual.effortProportions,
    plan: evaluation.plan?.proportions ?? null,
    flags: evaluation.flags.map(({ code, severity, message, measure }) =>
      measure === undefined ? { code, severity, message } : { code, severity, message, measure },
    ),
    compliance: { due, green, missed },
    plannedMin: planned.reduce((sum, p) => sum + (p.durationMin ?? 0), 0),
    plannedSessions: planned.length,
    doneS: runs.reduce((sum, r) => sum + r.durationS, 0),
    doneM: runs.reduce((sum, r) => sum + (r.distanceM ?? 0), 0),
    runs: runs.length,
  };
}

/** One athlete's roster line from the digests of their recent weeks (oldest first, the current week last). */
export function summariseWeeks(weeks: readonly WeekDigest[]): RosterSummary {
  const current = weeks[weeks.length - 1];
  const recent = weeks.slice(-FLAG_WEEKS);
  const flags = rankFlags(
    recent.map((week) => ({
      weekStart: week.weekStart,
      flags: week === current ? flagsSoFar(week.flags) : week.flags,
    })),
  );
  const attention = attentionScore(flags);
  const compliance = weeks.reduce(
    (sum, w) => ({
      due: sum.due + w.compliance.due,
      green: sum.green + w.compliance.green,
      missed: sum.missed + w.compliance.missed,
    }),
    {
      due: 0,
      green: 0,
      missed: 0,
    },
  );
  return {
    weeks: weeks.map(({ weekStart, label, effort, plan }) => ({ weekStart, label, effort, plan })),
    thisWeek: {
      weekStart: current?.weekStart ?? "",
      plannedMin: current?.plannedMin ?? 0,
      doneMin: Math.round((current?.doneS ?? 0) / 60),
      doneM: current?.doneM ?? 0,
      plannedSessions: current?.plannedSessions ?? 0,
      runs: current?.runs ?? 0,
    },
    compliance: { ...compliance, greenShare: compliance.due === 0 ? null : compliance.green / compliance.due },
    flags,
    attention,
    needsAttention: attention >= ATTENTION_THRESHOLD,
  };
}

/** "Needs attention" order: most urgent first, then by name. */
export function byAttention(
  a: { attention: number; displayName: string },
  b: { attention: number; displayName: string },
): number {
  return b.attention - a.attention || a.displayName.localeCompare(b.displayName);
}
