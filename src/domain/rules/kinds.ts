/** Session kinds, the categories they count towards, and the RPE effort bands. */

export const SESSION_KINDS = ["recovery", "aerobic", "long", "tempo", "intervals", "hills", "race"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const CATEGORIES = ["recovery", "aerobic", "quality"] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * A kind's position in SESSION_KINDS, read from its first letter (and its length, for recovery
 * vs race): on the evaluation's hot path a keyed table lookup costs several times more.
 */
export function kindIndex(kind: SessionKind): number {
  switch (kind.charCodeAt(0)) {
    case 114: // recovery, race
      return kind.length === 8 ? 0 : 6;
    case 97: // aerobic
      return 1;
    case 108: // long
      return 2;
    case 116: // tempo
      return 3;
    case 105: // intervals
      return 4;
    default: // hills
      return 5;
  }
}

const CATEGORY_OF_KIND: Readonly<Record<SessionKind, Category>> = {
  recovery: "recovery",
  aerobic: "aerobic",
  long: "aerobic",
  // Tempo feels "steady" but is run around threshold, so it counts as quality.
  tempo: "quality",
  intervals: "quality",
  hills: "quality",
  race: "quality",
};

/** The category a session kind counts towards (what the athlete was meant to do). */
export function categoryOf(kind: SessionKind): Category {
  return CATEGORY_OF_KIND[kind];
}

export function isQualityKind(kind: SessionKind): boolean {
  return CATEGORY_OF_KIND[kind] === "quality";
}

/** An inclusive integer RPE range, e.g. [1, 3]. */
export type RpeRange = readonly [number, number];

/** Which RPE numbers count as recovery, aerobic and quality effort. Contiguous and covering 1..10. */
export interface EffortBands {
  readonly recovery: RpeRange;
  readonly aerobic: RpeRange;
  readonly quality: RpeRange;
}

export const DEFAULT_EFFORT_BANDS: EffortBands = { recovery: [1, 3], aerobic: [4, 6], quality: [7, 10] };

/** The category of effort an RPE falls in (what the athlete actually did). */
export function effortCategoryOf(rpe: number, bands: EffortBands = DEFAULT_EFFORT_BANDS): Category {
  if (rpe <= bands.recovery[1]) return "recovery";
  if (rpe <= bands.aerobic[1]) return "aerobic";
  return "quality";
}

/** The app's one wording per effort category, shared by the plan and the log. */
export const EFFORT_WORDS: Readonly<Record<Category, string>> = {
  recovery: "easy, you could chat the whole way",
  aerobic: "steady, you can talk but not comfortably",
  quality: "hard",
};

/** The words to show next to an RPE number, given the athlete's effort bands. */
export function rpeWords(rpe: number, bands: EffortBands = DEFAULT_EFFORT_BANDS): string {
  return EFFORT_WORDS[effortCategoryOf(rpe, bands)];
}

/** How a session kind reads in a sentence ("Your tempo run on Tuesday ..."). */
export const KIND_LABELS: Readonly<Record<SessionKind, string>> = {
  recovery: "recovery run",
  aerobic: "aerobic run",
  long: "long run",
  tempo: "tempo run",
  intervals: "interval session",
  hills: "hill session",
  race: "race",
};
