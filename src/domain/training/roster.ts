/**
 * The roster's reading of an athlete's recent weeks: which flags matter most, how well the plan was
 * followed, and how urgently the coach should look. Pure: it only summarises engine evaluations.
 */
import type { ComplianceEntry, Flag, FlagCode, Proportions, Severity, WeekEvaluation } from "~/domain/rules";
import type { PlannedRow, RunRow } from "./week-input";

/**
 * Most important first. Effort drift (easy days too hard) and too much quality are what the product
 * exists to catch; then sudden load and missed sessions; band drift and single-run details after.
 */
export const FLAG_PRIORITY: readonly FlagCode[] = [
  "recovery_too_hard",
  "quality_high",
  "load_spike",
  "missed_session",
  "quality_back_to_back",
  "aerobic_too_hard",
  "monotony_high",
  "aerobic_low",
  "recovery_low",
  "recovery_too_long",
  "aerobic_high",
  "recovery_high",
  "quality_too_easy",
  "aerobic_too_easy",
  "aerobic_too_short",
  "unplanned_session",
];

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

export function flagRank(flag: { code: FlagCode; severity: Severity }): number {
  const rank = FLAG_PRIORITY.indexOf(flag.code);
  // Information never outranks a warning.
  return (flag.severity === "info" ? FLAG_PRIORITY.length : 0) + (rank === -1 ? FLAG_PRIORITY.length - 1 : rank);
}

export interface RankedFlag {
  code: FlagCode;
  severity: Severity;
  /** The engine's message of the most recent occurrence. */
  message: string;
  /** How often it was raised in the weeks looked at. */
  count: number;
  weekStart: string;
}

/**
 * Flags of several weeks (newest last), one entry per code, most important first. Of equal rank, the
 * most recent week wins, so the message a coach reads is about the latest occurrence.
 */
export function rankFlags(
  weeks: ReadonlyArray<{ weekStart: string; flags: ReadonlyArray<Pick<Flag, "code" | "severity" | "message">> }>,
): RankedFlag[] {
  const byCode = new Map<FlagCode, RankedFlag>();
  for (const week of weeks) {
    for (const flag of week.flags) {
      const seen = byCode.get(flag.code);
      if (seen) {
        seen.count++;
        if (week.weekStart >= seen.weekStart) Object.assign(seen, { message: flag.message, weekStart: week.weekStart });
      } else {
        byCode.set(flag.code, {
          code: flag.code,
          severity: flag.severity,
          message: flag.message,
          count: 1,
          weekStart: week.weekStart,
        });
      }
    }
  }
  return [...byCode.values()].sort((a, b) => flagRank(a) - flagRank(b) || b.weekStart.localeCompare(a.weekStart));
}

/** Higher is more urgent; each occurrence of a warning adds its weight. */
export function attentionScore(flags: readonly RankedFlag[]): number {
  return flags.reduce((score, f) => {
    if (f.severity === "info") return score;
    return score + (MILD_MIX.has(f.code) ? 2 : (WEIGHT[f.code] ?? 3) * f.count);
  }, 0);
}

export interface ComplianceSummary {
  /** Sessions already due (done or missed). */
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
    if (entry.color === null) continue;
    due++;
    if (entry.color === "green") green++;
    if (entry.runId === null) missed++;
  }
  return { due, green, missed, greenShare: due === 0 ? null : green / due };
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
  thisWeek: { weekStart: string; plannedMin: number; doneMin: number; plannedSessions: number; runs: number };
  compliance: ComplianceSummary;
  /** Most important first. */
  flags: RankedFlag[];
  attention: number;
  needsAttention: boolean;
}

/** How many of the most recent weeks the roster's flags come from: the current one and the last full one. */
export const FLAG_WEEKS = 2;

/**
 * A week still in progress is not judged on its mix yet (two runs in, any mix is "off"); its other
 * flags (a recovery run too hard, a missed session, the plan itself) already count.
 */
export const flagsSoFar = <F extends Pick<Flag, "measure">>(flags: readonly F[]) =>
  flags.filter((f) => f.measure !== "label" && f.measure !== "effort");

/**
 * What the roster keeps of one evaluated week: small enough to cache per athlete and week (see
 * server/services/week-digests.ts), and all the roster line needs. JSON-safe.
 */
export interface WeekDigest {
  weekStart: string;
  label: Proportions | null;
  effort: Proportions | null;
  plan: Proportions | null;
  flags: Array<Pick<Flag, "code" | "severity" | "message" | "measure">>;
  compliance: Omit<ComplianceSummary, "greenShare">;
  plannedMin: number;
  plannedSessions: number;
  doneS: number;
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

export type BandStatus = "low" | "high" | "ok";

/** Float noise at a band's edge is not drift (the engine compares the same way). */
const EDGE = 1e-9;

/** Where each share of a mix stands against its target band (edges inclusive, like the engine). */
export function bandStatus(
  p: Proportions,
  bands: { aerobic: readonly [number, number]; recovery: readonly [number, number]; qualityMax: number },
) {
  const within = (share: number, lo: number, hi: number): BandStatus =>
    share < lo - EDGE ? "low" : share > hi + EDGE ? "high" : "ok";
  return {
    recovery: within(p.recovery, bands.recovery[0], bands.recovery[1]),
    aerobic: within(p.aerobic, bands.aerobic[0], bands.aerobic[1]),
    quality: within(p.quality, 0, bands.qualityMax),
  };
}
