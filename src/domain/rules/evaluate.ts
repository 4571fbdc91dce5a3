/**
 * evaluateWeek: the whole verdict on one week. It trusts its input (validate first with
 * parseEvaluateInput) and is the hot path (≥ 1,000,000 runs/s, see bench/): each list is read in
 * one pass, each date once, into day numbers kept in reused integer buffers (scratch.ts); totals
 * live in small arrays; settings-derived values are prepared once; no Date objects are made.
 */
import { complianceEntries, linkRunsToPlan, type PlanLinks, type Placement } from "./compliance";
import { dayOf, formatDay } from "./dates";
import { addLoadFlags, chronicDailyLoad, loadRatio, summariseHistory, weekMonotony } from "./load";
import { addMixFlags, effortSlot, kindSlot, mixFromTotals, plannedWeight, runWeight, type MixResult } from "./mix";
import { prepareOnce, type Prepared } from "./prepared";
import { addPlannedSessionFlags, addRunFlags } from "./run-flags";
import { Scratch } from "./scratch";
import { addBackToBackPlanFlags, addBackToBackRunFlags, addUnplannedFlags } from "./sequence";
import { DEFAULT_SETTINGS } from "./settings";
import type {
  ComplianceEntry,
  ExcusedDay,
  Flag,
  HistoryRun,
  PlanMix,
  PlannedSession,
  RunInput,
  WeekEvaluation,
  WeekInput,
} from "./types";

const NO_HISTORY: readonly HistoryRun[] = [];

// /*#__PURE__*/: creating module-level state has no effect elsewhere, which bundlers cannot infer;
// without the mark, code importing the index only for labels or dates would ship evaluation too
// (tree-shaking.test.ts checks every module of the engine).
const runDays = /*#__PURE__*/ new Scratch();
const runSlots = /*#__PURE__*/ new Scratch();
const planDays = /*#__PURE__*/ new Scratch();
const planSlots = /*#__PURE__*/ new Scratch();
const runFor = /*#__PURE__*/ new Scratch();
const named = /*#__PURE__*/ new Scratch();
const taken = /*#__PURE__*/ new Scratch();
const firstByDay = /*#__PURE__*/ new Scratch();

interface WeekRuns {
  /** The runs inside the week (all of them, for validated input). */
  readonly runs: readonly RunInput[];
  /** Day number and category (by label) of each run. */
  readonly at: Placement;
  readonly daily: number[];
  readonly labelMix: MixResult;
  readonly effortMix: MixResult;
}

/**
 * "YYYY-MM-DD" of each week's last day, by the day number of its first. Many evaluations share a
 * week (a coach's squad, a season of weeks), so each end date is formatted once. Bounded.
 */
const weekEnds = /*#__PURE__*/ new Map<number, string>();
function weekEndOf(start: number): string {
  let end = weekEnds.get(start);
  if (end === undefined) {
    if (weekEnds.size >= 4096) weekEnds.clear();
    end = formatDay(start + 6);
    weekEnds.set(start, end);
  }
  return end;
}

/** Keeps the runs inside the week, compacting their placement; only for unvalidated input. */
function dropRunsOutside(runs: readonly RunInput[], at: Placement, start: number): RunInput[] {
  const inside: RunInput[] = [];
  for (let i = 0; i < runs.length; i++) {
    const day = at.days[i] as number;
    if (day < start || day > start + 6) continue;
    at.days[inside.length] = day;
    at.slots[inside.length] = at.slots[i] as number;
    inside.push(runs[i] as RunInput);
  }
  return inside;
}

/** One pass over the runs: day numbers, daily loads, both mixes' totals and per-run flags. */
function scanRuns(all: readonly RunInput[], start: number, prepared: Prepared, flags: Flag[]): WeekRuns {
  const { basis, effortBands, minRunsForMix } = prepared.settings;
  const at: Placement = { days: runDays.take(all.length), slots: runSlots.take(all.length) };
  const daily = [0, 0, 0, 0, 0, 0, 0];
  const byLabel = [0, 0, 0];
  const byEffort = [0, 0, 0];
  let outside = 0;
  for (let i = 0; i < all.length; i++) {
    const run = all[i] as RunInput;
    const day = dayOf(run.date);
    const label = kindSlot(run.kind);
    at.days[i] = day;
    at.slots[i] = label;
    const offset = day - start;
    if (offset < 0 || offset > 6) {
      outside++;
      continue;
    }
    daily[offset] = (daily[offset] as number) + run.rpe * run.durationMin;
    const weight = runWeight(run, basis);
    const effort = effortSlot(run.rpe, effortBands);
    byLabel[label] = (byLabel[label] as number) + weight;
    byEffort[effort] = (byEffort[effort] as number) + weight;
    addRunFlags(run, label, day, prepared, flags);
  }
  const runs = outside === 0 ? all : dropRunsOutside(all, at, start);
  return {
    runs,
    at,
    daily,
    labelMix: mixFromTotals(byLabel, runs.length, minRunsForMix),
    effortMix: mixFromTotals(byEffort, runs.length, minRunsForMix),
  };
}

/** Bit d set when weekStart + d is excused; excused dates outside the week are ignored. */
function excusedMaskOf(excused: readonly ExcusedDay[] | undefined, start: number): number {
  let mask = 0;
  if (excused === undefined) return mask;
  for (let i = 0; i < excused.length; i++) {
    const offset = dayOf((excused[i] as ExcusedDay).date) - start;
    if (offset >= 0 && offset < 7) mask |= 1 << offset;
  }
  return mask;
}

interface PlanVerdict {
  readonly mix: PlanMix;
  readonly compliance: ComplianceEntry[];
}

function evaluatePlan(
  plan: readonly PlannedSession[],
  week: WeekRuns,
  start: number,
  asOfDay: number,
  excusedMask: number,
  prepared: Prepared,
  flags: Flag[],
): PlanVerdict {
  const planAt: Placement = { days: planDays.take(plan.length), slots: planSlots.take(plan.length) };
  const totals = [0, 0, 0];
  /** Per day of the week, a bit per category planned that day (bit = 1 << slot). */
  const plannedByDay = [0, 0, 0, 0, 0, 0, 0];
  for (let p = 0; p < plan.length; p++) {
    const session = plan[p] as PlannedSession;
    const slot = kindSlot(session.kind);
    const day = dayOf(session.date);
    planAt.days[p] = day;
    planAt.slots[p] = slot;
    totals[slot] = (totals[slot] as number) + plannedWeight(session, prepared.settings.basis);
    addPlannedSessionFlags(session, slot, day, prepared, flags);
    const offset = day - start;
    if (offset >= 0 && offset < 7) plannedByDay[offset] = (plannedByDay[offset] as number) | (1 << slot);
  }
  const mix = mixFromTotals(totals, plan.length, prepared.settings.minRunsForMix);
  if (mix.proportions !== null) addMixFlags(mix.proportions, "plan", prepared, flags);
  addBackToBackPlanFlags(plan, planAt, start, firstByDay.take(7), prepared.texts, flags);

  const { runs, at: runAt } = week;
  const links: PlanLinks = {
    runFor: runFor.take(plan.length),
    named: named.take(runs.length),
    taken: taken.take(runs.length),
  };
  linkRunsToPlan(plan, planAt, runs, runAt, links);
  const compliance = complianceEntries(
    plan,
    planAt.days,
    runs,
    links.runFor,
    start,
    asOfDay,
    excusedMask,
    prepared.texts,
    flags,
  );
  addUnplannedFlags(runs, runAt, links.named, plannedByDay, start, prepared.texts, flags);
  return { mix, compliance };
}

export function evaluateWeek(input: WeekInput): WeekEvaluation {
  const prepared = prepareOnce(input.settings ?? DEFAULT_SETTINGS);
  const start = dayOf(input.weekStart);
  // Without asOf the whole week is in the past: every planned session without a run is missed.
  const asOfDay = input.asOf === undefined ? start + 7 : dayOf(input.asOf);
  const flags: Flag[] = [];

  const week = scanRuns(input.runs, start, prepared, flags);
  const { labelMix, effortMix, daily } = week;
  if (labelMix.proportions !== null) addMixFlags(labelMix.proportions, "label", prepared, flags);
  if (effortMix.proportions !== null) addMixFlags(effortMix.proportions, "effort", prepared, flags);

  const history = summariseHistory(input.history ?? NO_HISTORY, start);
  addBackToBackRunFlags(week.runs, week.at, history.qualityDayBefore, start, firstByDay.take(7), prepared.texts, flags);

  let weekly = 0;
  for (const load of daily) weekly += load;
  const monotony = weekMonotony(daily, weekly);
  const historyFromDay = input.historyFrom === undefined ? undefined : dayOf(input.historyFrom);
  const ratio = loadRatio(weekly, chronicDailyLoad(history, start, historyFromDay));
  addLoadFlags(monotony, ratio, prepared, flags);

  const plan =
    input.plan === undefined
      ? null
      : evaluatePlan(input.plan, week, start, asOfDay, excusedMaskOf(input.excused, start), prepared, flags);

  return {
    week: { start: input.weekStart, end: weekEndOf(start) },
    basis: prepared.settings.basis,
    plan: plan === null ? null : plan.mix,
    actual: {
      status: labelMix.status,
      proportions: labelMix.proportions,
      effortProportions: effortMix.proportions,
      load: { weekly, daily, monotony: monotony.monotony, strain: monotony.strain, ratio },
    },
    compliance: plan === null ? [] : plan.compliance,
    flags,
  };
}
