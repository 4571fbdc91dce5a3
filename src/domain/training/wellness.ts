/**
 * The daily wellness check-in (issue 16): its four 1–5 scales with words for each number, the form's
 * checks (zod-free, for the phone; wellness-input.ts is the server's schema), and when recent check-ins are worth a word with
 * the coach. Pure. Wording is neutral on purpose: check-ins are information for a conversation,
 * never a diagnosis or an injury risk.
 */
import { addDays } from "~/domain/rules";

export const WELLNESS_SCALES = ["sleep", "soreness", "stress", "mood"] as const;
export type WellnessScale = (typeof WELLNESS_SCALES)[number];
export type WellnessScore = 1 | 2 | 3 | 4 | 5;

/** Each scale in its everyday sense: 5 is very good sleep and mood, but very high soreness and stress. */
export const WELLNESS_QUESTIONS: Readonly<
  Record<WellnessScale, { legend: string; words: readonly [string, string, string, string, string] }>
> = {
  sleep: { legend: "Sleep quality", words: ["Very poor", "Poor", "OK", "Good", "Very good"] },
  soreness: { legend: "Muscle soreness", words: ["None", "A little", "Some", "Sore", "Very sore"] },
  stress: { legend: "Stress", words: ["Very low", "Low", "Some", "High", "Very high"] },
  mood: { legend: "Mood", words: ["Very low", "Low", "OK", "Good", "Very good"] },
};

export const wordFor = (scale: WellnessScale, score: number) => WELLNESS_QUESTIONS[scale].words[score - 1] ?? "";

export const RESTING_HR_RANGE = [25, 150] as const;
export const WELLNESS_NOTE_MAX = 500;

export interface WellnessValues {
  sleep: number;
  soreness: number;
  stress: number;
  mood: number;
  restingHr: number | null;
  note: string;
}

/**
 * What is wrong with the form's answers, in the person's words, or null: the phone checks with this
 * (zod stays out of the browser's first load), the server with wellness-input.ts, the same rules.
 */
export function wellnessProblem(
  values: Partial<Record<WellnessScale, number>> & { restingHr: number | null; note: string },
) {
  for (const scale of WELLNESS_SCALES) {
    const value = values[scale];
    if (value === undefined || !Number.isInteger(value) || value < 1 || value > 5)
      return `Choose how your ${WELLNESS_QUESTIONS[scale].legend.toLowerCase()} is (1 to 5)`;
  }
  const hr = values.restingHr;
  if (hr !== null && (!Number.isInteger(hr) || hr < RESTING_HR_RANGE[0] || hr > RESTING_HR_RANGE[1]))
    return `Resting heart rate is a whole number between ${RESTING_HR_RANGE[0]} and ${RESTING_HR_RANGE[1]}`;
  if (values.note.trim().length > WELLNESS_NOTE_MAX) return `Keep the note under ${WELLNESS_NOTE_MAX} characters`;
  return null;
}

export interface WellnessCheckin {
  date: string;
  sleep: number;
  soreness: number;
  stress: number;
  mood: number;
  restingHr: number | null;
  note: string;
}

/**
 * A day worth mentioning: sleep at 2 or below ("Poor", "Very poor") or soreness at 4 or above
 * ("Sore", "Very sore"). Stress and mood are shown, but do not raise the roster's tag.
 */
export const POOR_SLEEP_MAX = 2;
export const HIGH_SORENESS_MIN = 4;
export const poorSleep = (c: Pick<WellnessCheckin, "sleep">) => c.sleep <= POOR_SLEEP_MAX;
export const highSoreness = (c: Pick<WellnessCheckin, "soreness">) => c.soreness >= HIGH_SORENESS_MIN;

/** How many days in a row make a pattern worth a conversation. */
export const WELLNESS_RUN_DAYS = 3;

/**
 * The roster's tag when the athlete's last three check-ins on consecutive days, the latest today or
 * yesterday (today's may not be in yet), each had poor sleep or high soreness; null otherwise. A day
 * without a check-in breaks the run: we say only what the athlete told us.
 */
export function wellnessTag(checkins: readonly Pick<WellnessCheckin, "date" | "sleep" | "soreness">[], today: string) {
  const byDate = new Map(checkins.map((c) => [c.date, c]));
  const end = byDate.has(today) ? today : addDays(today, -1);
  const days = Array.from({ length: WELLNESS_RUN_DAYS }, (_, i) => byDate.get(addDays(end, -i)));
  if (days.some((c) => !c || !(poorSleep(c) || highSoreness(c)))) return null;
  const sleep = days.every((c) => poorSleep(c!));
  const sore = days.every((c) => highSoreness(c!));
  const what = sleep && sore ? "Poor sleep and sore" : sleep ? "Poor sleep" : sore ? "Sore" : "Poor sleep or sore";
  return `${what} ${WELLNESS_RUN_DAYS} days running`;
}

/** Days of check-ins the athlete page charts beside the daily sRPE load. */
export const WELLNESS_CHART_DAYS = 28;

export interface WellnessDay {
  date: string;
  /** sRPE load of the day's runs (RPE × minutes). */
  load: number;
  checkin: WellnessCheckin | null;
}

/** The `count` days up to `to`, oldest first, each with its sRPE load and check-in (if any). */
export function wellnessDays(
  checkins: readonly WellnessCheckin[],
  runs: readonly { localDate: string; durationS: number; rpe: number }[],
  to: string,
  count = WELLNESS_CHART_DAYS,
): WellnessDay[] {
  const byDate = new Map(checkins.map((c) => [c.date, c]));
  const load = new Map<string, number>();
  for (const run of runs) load.set(run.localDate, (load.get(run.localDate) ?? 0) + (run.rpe * run.durationS) / 60);
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(to, i - count + 1);
    return { date, load: load.get(date) ?? 0, checkin: byDate.get(date) ?? null };
  });
}
