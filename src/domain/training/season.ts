/**
 * The season: phases that judge weeks with their own targets, and races. Pure and browser-safe (the
 * week builder's live check labels the phase judging the week it plans). ADR 016.
 */
import type { TrainingSettings } from "~/domain/rules";
import { addDays, dayOf, type IsoDate } from "~/domain/rules/dates";

/** The usual phases; a coach may also name a phase freely. */
export const PHASE_NAMES = ["base", "build", "peak", "taper", "recovery"] as const;

export interface PhaseSpan {
  readonly name: string;
  /** Inclusive. */
  readonly startDate: IsoDate;
  /** Inclusive. */
  readonly endDate: IsoDate;
}

/** How many of the week weekStart .. weekStart + 6 a phase holds. */
export function daysInWeek(phase: PhaseSpan, weekStart: IsoDate): number {
  const from = Math.max(dayOf(phase.startDate), dayOf(weekStart));
  const to = Math.min(dayOf(phase.endDate), dayOf(addDays(weekStart, 6)));
  return Math.max(0, to - from + 1);
}

/**
 * The phase that judges a week: the one holding most of its seven days; on a tie, the later one (a
 * week split 3–3 between build and peak is already peak training, and a taper week is judged as taper
 * as soon as it holds as many days). Null when no phase holds any day of the week: the athlete's own
 * settings judge it.
 */
export function phaseForWeek<P extends PhaseSpan>(phases: readonly P[], weekStart: IsoDate): P | null {
  let best: P | null = null;
  let bestDays = 0;
  for (const phase of phases) {
    const days = daysInWeek(phase, weekStart);
    if (days === 0) continue;
    if (days > bestDays || (days === bestDays && best !== null && phase.startDate > best.startDate)) {
      best = phase;
      bestDays = days;
    }
  }
  return best;
}

/** "Build phase", "Marathon block phase". */
export function phaseTitle(name: string): string {
  const title = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  return /\bphase$/i.test(title) ? title : `${title} phase`;
}

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10} %`;

/** The targets a week is judged by, in a few words: "quality up to 35 %, aerobic 60–80 %, recovery 10–20 %". */
export function targetsText(settings: TrainingSettings): string {
  const range = ([lo, hi]: readonly [number, number]) => `${Math.round(lo * 100)}–${percent(hi)}`;
  return `quality up to ${percent(settings.bands.qualityMax)}, aerobic ${range(settings.bands.aerobic)}, recovery ${range(settings.bands.recovery)}`;
}

/** "Build phase: quality up to 35 %, …", or the athlete's own settings when no phase judges the week. */
export function judgedByText(phaseName: string | null, settings: TrainingSettings): string {
  return `${phaseName ? phaseTitle(phaseName) : "No phase (athlete settings)"}: ${targetsText(settings)}`;
}

export const RACE_PRIORITIES = ["A", "B", "C"] as const;
export type RacePriority = (typeof RACE_PRIORITIES)[number];

export const RACE_PRIORITY_WORDS: Readonly<Record<RacePriority, string>> = {
  A: "A race (the goal)",
  B: "B race (important)",
  C: "C race (training)",
};

/** How far ahead the roster mentions a race. */
export const RACE_TAG_HORIZON_DAYS = 84;

/**
 * The roster's tag for the next race, if one is within `horizonDays`: "A race today", "A race in 5
 * days", "B race in 3 weeks" (whole weeks from two weeks on).
 */
export function nextRaceTag(
  races: readonly { date: IsoDate; priority: RacePriority }[],
  today: IsoDate,
  horizonDays = RACE_TAG_HORIZON_DAYS,
): string | null {
  const upcoming = races
    .filter((r) => r.date >= today)
    .sort((a, b) => (a.date === b.date ? a.priority.localeCompare(b.priority) : a.date.localeCompare(b.date)));
  const next = upcoming[0];
  if (!next) return null;
  const days = dayOf(next.date) - dayOf(today);
  if (days > horizonDays) return null;
  const when =
    days === 0 ? "today" : days === 1 ? "tomorrow" : days < 14 ? `in ${days} days` : `in ${Math.round(days / 7)} weeks`;
  return `${next.priority} race ${when}`;
}
