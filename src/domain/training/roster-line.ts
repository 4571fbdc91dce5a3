/**
 * The roster's one line per athlete: how urgently the coach should look, in a word, and the one or
 * two facts behind it as short tags. Pure: it only reads the roster summary (roster.ts).
 */
import type { FlagCode } from "~/domain/rules";
import { ATTENTION_THRESHOLD, byAttention } from "./roster";
import type { RankedFlag } from "./flags";
import { excusedText, type ExcusedDayReason } from "./excused-days";

/** Whether next week has a plan the athlete can see: none, one being drafted, or published. */
export type PlanStatus = "none" | "draft" | "published";

/** Most urgent first. */
export const URGENCIES = ["urgent", "attention", "watch", "plan", "ok"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = {
  urgent: "Urgent",
  attention: "Needs attention",
  watch: "Check",
  plan: "Needs a plan",
  ok: "On track",
};

/** A week the athlete cannot see yet is a week still to plan. */
export const needsPlan = (next: PlanStatus) => next !== "published";

/**
 * "On track" only when nothing warns and there is a plan: an athlete with no plan next week, or none
 * this week and none published for next, needs one (a draft for next week is the coach at work, the
 * plan column says so). Warnings grade the urgency by the attention score: twice the threshold is
 * urgent, the threshold needs attention, any warning below it is worth a check. Information (a share
 * near its band's edge) never raises urgency.
 */
export function urgencyOf(line: {
  attention: number;
  flags: readonly RankedFlag[];
  nextWeek: PlanStatus;
  thisWeek: { plannedSessions: number };
}): Urgency {
  if (line.attention >= 2 * ATTENTION_THRESHOLD) return "urgent";
  if (line.attention >= ATTENTION_THRESHOLD) return "attention";
  if (line.flags.some((f) => f.severity === "warning")) return "watch";
  const unplanned = line.nextWeek === "none" || (line.thisWeek.plannedSessions === 0 && needsPlan(line.nextWeek));
  return unplanned ? "plan" : "ok";
}

/** Warnings about single runs or sessions: their tag says how many. */
const COUNTED = new Set<FlagCode>([
  "recovery_too_hard",
  "aerobic_too_hard",
  "recovery_too_long",
  "aerobic_too_easy",
  "aerobic_too_short",
  "quality_too_easy",
  "quality_back_to_back",
  "unplanned_session",
]);

const TAG: Readonly<Record<FlagCode, string>> = {
  // Recovery and aerobic runs are both easy days: one tag, counted together.
  recovery_too_hard: "easy days too hard",
  aerobic_too_hard: "easy days too hard",
  quality_high: "too much quality",
  load_spike: "load spike",
  missed_session: "missed",
  quality_back_to_back: "hard days back to back",
  monotony_high: "monotonous load",
  aerobic_low: "aerobic share low",
  aerobic_high: "aerobic share high",
  recovery_low: "recovery share low",
  recovery_high: "recovery share high",
  recovery_too_long: "recovery runs too long",
  aerobic_too_easy: "aerobic runs too easy",
  aerobic_too_short: "aerobic runs too short",
  quality_too_easy: "quality too easy",
  unplanned_session: "unplanned runs",
};

/**
 * At most `max` short tags, most important first (the flags come ranked): "easy days too hard ×4",
 * "2 missed", then "no plan next week" if there is room. Information is left to the athlete's page.
 */
export function rosterTags(flags: readonly RankedFlag[], nextWeek: PlanStatus, max = 2): string[] {
  const counts = new Map<string, { count: number; counted: boolean }>();
  for (const flag of flags) {
    if (flag.severity !== "warning") continue;
    const text = TAG[flag.code];
    const seen = counts.get(text);
    if (seen) seen.count += flag.count;
    else counts.set(text, { count: flag.count, counted: COUNTED.has(flag.code) || flag.code === "missed_session" });
  }
  const tags = [...counts].map(([text, { count, counted }]) => {
    if (text === "missed") return `${count} missed`;
    return counted && count > 1 ? `${text} ×${count}` : text;
  });
  if (nextWeek === "none") tags.push("no plan next week");
  return tags.slice(0, max);
}

/**
 * The line's note about days off: the latest excused day of this week so far, "Excused: ill today" or
 * "Excused: ill"; null when there is none. Neutral: a fact, not a warning.
 */
export function excusedTag(
  excused: readonly { date: string; reason: ExcusedDayReason }[],
  week: { weekStart: string; today: string },
): string | null {
  const latest = excused.filter((e) => e.date >= week.weekStart && e.date <= week.today).at(-1);
  if (!latest) return null;
  return latest.date === week.today ? `${excusedText(latest.reason)} today` : excusedText(latest.reason);
}

/** Most urgent first; of equal urgency, the higher attention score, then by name. */
export function byUrgency(
  a: { urgency: Urgency; attention: number; displayName: string },
  b: { urgency: Urgency; attention: number; displayName: string },
): number {
  return URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency) || byAttention(a, b);
}

/** What the roster page sends the browser per athlete: only what the line shows, sorts and filters on. */
export interface RosterLine {
  id: string;
  name: string;
  urgency: Urgency;
  attention: number;
  tags: string[];
  doneMin: number;
  plannedMin: number;
  /** Metres run this week. */
  doneM: number;
  runs: number;
  next: PlanStatus;
  lastRun: string | null;
  /** Neutral notes beside the tags: an excused day this week, a run of poor check-ins (wellness.ts). */
  notes: string[];
  /** Coaches' names, for owners (who see every coach's athletes). */
  coaches?: string[];
  /** The next race, when one is near: "A race in 3 weeks". */
  race?: string;
}

export function rosterLine(
  row: {
    athleteId: string;
    displayName: string;
    urgency: Urgency;
    attention: number;
    tags: string[];
    thisWeek: { doneMin: number; plannedMin: number; doneM: number; runs: number };
    nextWeek: PlanStatus;
    lastRunOn: string | null;
    coaches: string[];
    race?: string | null;
    notes: string[];
  },
  options: { withCoaches: boolean },
): RosterLine {
  const { doneMin, plannedMin, doneM, runs } = row.thisWeek;
  return {
    id: row.athleteId,
    name: row.displayName,
    urgency: row.urgency,
    attention: row.attention,
    tags: row.tags,
    doneMin,
    plannedMin,
    doneM,
    runs,
    next: row.nextWeek,
    lastRun: row.lastRunOn,
    notes: row.notes,
    ...(options.withCoaches ? { coaches: row.coaches } : {}),
    ...(row.race ? { race: row.race } : {}),
  };
}
