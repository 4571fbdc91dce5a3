/** Flags about how sessions follow one another and how runs relate to the plan. */
import type { SessionKind } from "./kinds";
import * as say from "./messages";
import type { MessageTexts } from "./messages";
import { QUALITY } from "./mix";
import type { Placement } from "./compliance";
import type { Flag, PlannedSession, RunInput } from "./types";

interface WithKind {
  readonly kind: SessionKind;
}

/** firstByDay[d] = index of the first quality item on day weekStart + d (d = 0..6), or −1. */
function firstQualityByDay(count: number, at: Placement, weekStartDay: number, firstByDay: Int32Array): void {
  for (let d = 0; d < 7; d++) firstByDay[d] = -1;
  for (let i = 0; i < count; i++) {
    const offset = (at.days[i] as number) - weekStartDay;
    if (at.slots[i] === QUALITY && offset >= 0 && offset < 7 && firstByDay[offset] === -1) firstByDay[offset] = i;
  }
}

/**
 * quality_back_to_back for what was run (measure "label"). The last day before the week counts
 * too (`qualityDayBefore`, from the history), so a quality Sunday followed by a quality Monday is
 * caught across the week boundary. `firstByDay` is scratch space for 7 integers.
 */
export function addBackToBackRunFlags(
  runs: readonly RunInput[],
  runAt: Placement,
  qualityDayBefore: WithKind | null,
  weekStartDay: number,
  firstByDay: Int32Array,
  texts: MessageTexts,
  flags: Flag[],
): void {
  firstQualityByDay(runs.length, runAt, weekStartDay, firstByDay);
  for (let offset = 0; offset < 7; offset++) {
    const later = firstByDay[offset] as number;
    if (later === -1) continue;
    let earlier: WithKind;
    if (offset > 0) {
      if (firstByDay[offset - 1] === -1) continue;
      earlier = runs[firstByDay[offset - 1] as number] as WithKind;
    } else {
      if (qualityDayBefore === null) continue;
      earlier = qualityDayBefore;
    }
    const run = runs[later] as RunInput;
    const voices = say.qualityBackToBackRuns(earlier.kind, run.kind, weekStartDay + offset, texts);
    flags.push({
      code: "quality_back_to_back",
      severity: "warning",
      audience: "both",
      measure: "label",
      runId: run.id,
      values: { gapDays: 1 },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  }
}

/** quality_back_to_back for the plan (measure "plan"). `firstByDay` is scratch space for 7 integers. */
export function addBackToBackPlanFlags(
  plan: readonly PlannedSession[],
  planAt: Placement,
  weekStartDay: number,
  firstByDay: Int32Array,
  texts: MessageTexts,
  flags: Flag[],
): void {
  firstQualityByDay(plan.length, planAt, weekStartDay, firstByDay);
  for (let offset = 1; offset < 7; offset++) {
    const later = firstByDay[offset] as number;
    const earlier = firstByDay[offset - 1] as number;
    if (later === -1 || earlier === -1) continue;
    const session = plan[later] as PlannedSession;
    const earlierKind = (plan[earlier] as PlannedSession).kind;
    const voices = say.qualityBackToBackPlan(earlierKind, session.kind, weekStartDay + offset, texts);
    flags.push({
      code: "quality_back_to_back",
      severity: "warning",
      audience: "coach",
      measure: "plan",
      plannedId: session.id,
      values: { gapDays: 1 },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  }
}

export function missedSessionFlag(session: PlannedSession, dayNumber: number, texts: MessageTexts): Flag {
  const voices = say.missedSession(session.kind, dayNumber, texts);
  return {
    code: "missed_session",
    severity: "warning",
    audience: "both",
    plannedId: session.id,
    values: { percent: 0 },
    message: voices.message,
    coachMessage: voices.coachMessage,
  };
}

/**
 * unplanned_session (information only, and only when a plan was given): a run that names no
 * planned session and has none of its category on its day. A plannedId that is not in the plan
 * counts as naming nothing. `named` comes from linkRunsToPlan; `plannedByDay[d]` has bit
 * (1 << category slot) set when a session of that category is planned on weekStart + d.
 */
export function addUnplannedFlags(
  runs: readonly RunInput[],
  runAt: Placement,
  named: Int32Array,
  plannedByDay: readonly number[],
  weekStartDay: number,
  texts: MessageTexts,
  flags: Flag[],
): void {
  for (let r = 0; r < runs.length; r++) {
    const day = runAt.days[r] as number;
    if (named[r] !== -1 || ((plannedByDay[day - weekStartDay] as number) >> (runAt.slots[r] as number)) & 1) continue;
    const run = runs[r] as RunInput;
    const voices = say.unplannedSession(run.kind, day, texts);
    flags.push({
      code: "unplanned_session",
      severity: "info",
      audience: "both",
      runId: run.id,
      values: {},
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  }
}
