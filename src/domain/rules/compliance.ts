/** Compliance: how much of each planned session was done, matched to the run that counts for it. */
import type { MessageTexts } from "./messages";
import { EPSILON } from "./mix";
import { missedSessionFlag } from "./sequence";
import type { ComplianceColor, ComplianceEntry, Flag, PlannedSession, RunInput } from "./types";

/**
 * Completed ÷ planned × 100, on duration; on distance when only a distance was planned.
 * Multiplying before dividing keeps round cases exact (48 of 60 is 80, not 80.00000000000001).
 */
export function compliancePercent(run: Pick<RunInput, "durationMin" | "distanceKm">, planned: PlannedSession): number {
  if (planned.durationMin !== undefined) return (run.durationMin * 100) / planned.durationMin;
  // Validated plans always have one of the two; 0 rather than NaN should an invalid one slip in.
  if (!planned.distanceKm) return 0;
  return ((run.distanceKm ?? 0) * 100) / planned.distanceKm;
}

/** TrainingPeaks' colours: green 80–120, yellow 50–<80 or >120–150, red beyond (edges inclusive). */
export function complianceColor(percent: number): Exclude<ComplianceColor, "excused"> {
  if (percent >= 80 - EPSILON && percent <= 120 + EPSILON) return "green";
  if (percent >= 50 - EPSILON && percent <= 150 + EPSILON) return "yellow";
  return "red";
}

/** Where each item of a list falls, by index: its day number and its category slot. */
export interface Placement {
  readonly days: Int32Array;
  readonly slots: Int32Array;
}

/** How runs and planned sessions refer to each other (buffers with room for the lists). */
export interface PlanLinks {
  /** Per planned session: the index of the run that counts for it, or −1. */
  readonly runFor: Int32Array;
  /** Per run: the index of the planned session its plannedId names, or −1. */
  readonly named: Int32Array;
  /** Per run: 1 once it counts for a planned session. */
  readonly taken: Int32Array;
}

/**
 * Fills `links`. A run counts for a planned session when it names it (plannedId), else when it is
 * on the same day and in the same category. Each run counts for at most one session and each
 * session takes at most one run, first come first served in input order.
 */
export function linkRunsToPlan(
  plan: readonly PlannedSession[],
  planAt: Placement,
  runs: readonly RunInput[],
  runAt: Placement,
  links: PlanLinks,
): void {
  const { runFor, named, taken } = links;
  const { days: runDays, slots: runSlots } = runAt;
  const { days: planDays, slots: planSlots } = planAt;
  for (let p = 0; p < plan.length; p++) runFor[p] = -1;
  for (let r = 0; r < runs.length; r++) {
    named[r] = -1;
    taken[r] = 0;
    const plannedId = (runs[r] as RunInput).plannedId;
    if (plannedId === undefined) continue;
    for (let p = 0; p < plan.length; p++) {
      if ((plan[p] as PlannedSession).id !== plannedId) continue;
      named[r] = p;
      if (runFor[p] === -1) {
        runFor[p] = r;
        taken[r] = 1;
      }
      break;
    }
  }
  for (let p = 0; p < plan.length; p++) {
    if (runFor[p] !== -1) continue;
    const day = planDays[p];
    const slot = planSlots[p];
    for (let r = 0; r < runs.length; r++) {
      if (taken[r] === 0 && runDays[r] === day && runSlots[r] === slot) {
        runFor[p] = r;
        taken[r] = 1;
        break;
      }
    }
  }
}

/**
 * One entry per planned session. Without a run, a session on an excused day (bit d of
 * `excusedMask` set for weekStart + d) is excused: neither judged nor missed, whether it is past
 * or still to come. Otherwise a session dated before asOf is missed (0 %, red, and a
 * missed_session flag); one dated on or after asOf is upcoming (all null). A session with a
 * run is judged as usual, excused day or not.
 */
export function complianceEntries(
  plan: readonly PlannedSession[],
  planDays: ArrayLike<number>,
  runs: readonly RunInput[],
  runFor: ArrayLike<number>,
  weekStartDay: number,
  asOfDay: number,
  excusedMask: number,
  texts: MessageTexts,
  flags: Flag[],
): ComplianceEntry[] {
  const entries: ComplianceEntry[] = [];
  for (let p = 0; p < plan.length; p++) {
    const session = plan[p] as PlannedSession;
    const r = runFor[p] as number;
    const day = planDays[p] as number;
    if (r !== -1) {
      const run = runs[r] as RunInput;
      const percent = compliancePercent(run, session);
      entries.push({ plannedId: session.id, runId: run.id, percent, color: complianceColor(percent) });
    } else if ((excusedMask >> (day - weekStartDay)) & 1) {
      entries.push({ plannedId: session.id, runId: null, percent: null, color: "excused" });
    } else if (day < asOfDay) {
      entries.push({ plannedId: session.id, runId: null, percent: 0, color: "red" });
      flags.push(missedSessionFlag(session, day, texts));
    } else {
      entries.push({ plannedId: session.id, runId: null, percent: null, color: null });
    }
  }
  return entries;
}

/**
 * Sessions on target (green) ÷ sessions judged (green, yellow or red, missed included); upcoming
 * and excused sessions are not judged. null when none was.
 */
export function complianceRate(compliance: readonly Pick<ComplianceEntry, "color">[]): number | null {
  let judged = 0;
  let onTarget = 0;
  for (const entry of compliance) {
    if (entry.color === null || entry.color === "excused") continue;
    judged++;
    if (entry.color === "green") onTarget++;
  }
  return judged === 0 ? null : onTarget / judged;
}
