/**
 * Plain-language messages, in two voices: `message` tells the athlete (second person) what
 * happened, naming the weekday, and what to do next time; `coachMessage` tells the coach the same
 * facts about the athlete (third person, no name: the app puts the athlete's name in front) and
 * what the coach can do. They are made on the hot path, so the parts that depend only on the
 * settings (RPE ranges, target bands) are prepared once per settings object by `messageTexts`,
 * and the frequent messages, which depend only on a few small numbers (weekday, kind, RPE,
 * minutes, a rounded share) and so repeat from week to week, are built once each and then reused
 * (see `Memo`): both voices are built and stored together, so the coach's costs no extra lookup.
 * The load ratio is described neutrally, never as an injury risk: the literature does not
 * support reading any ratio that way (Impellizzeri et al. 2020).
 */
import { weekdayIndex, weekdayName } from "./dates";
import { KIND_LABELS, SESSION_KINDS, kindIndex, type Category, type RpeRange, type SessionKind } from "./kinds";
import type { Basis, TrainingSettings } from "./settings";
import type { FlagCode, Measure } from "./types";

export type MixCode = Extract<
  FlagCode,
  "aerobic_low" | "aerobic_high" | "recovery_low" | "recovery_high" | "quality_high"
>;

/** A flag's wording: to the athlete and to the coach. */
export interface Voices {
  readonly message: string;
  readonly coachMessage: string;
}

/** 36.04 → "36", 23.46 → "23.5" (whole numbers go through the cheap integer path). */
function numberText(value: number): string {
  const tenths = Math.round(value * 10);
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/**
 * Two decimals, as monotony and ratios are shown ("2.04"). A value flagged for being above
 * `limit` never reads as the limit itself: 2.001 against 2 shows "2.01", not "2.00".
 */
export function twoDecimals(value: number, above?: number): string {
  const shown = value.toFixed(2);
  if (above === undefined || Number(shown) > above || !(value > above)) return shown;
  return (Math.ceil(value * 100) / 100).toFixed(2);
}

function rpeRangeText([lo, hi]: RpeRange): string {
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A kind at the start of a coach's sentence: "Interval session on Wednesday …". */
const KIND_TITLES: Readonly<Record<SessionKind, string>> = {
  recovery: "Recovery run",
  aerobic: "Aerobic run",
  long: "Long run",
  tempo: "Tempo run",
  intervals: "Interval session",
  hills: "Hill session",
  race: "Race",
};

const BASIS_WORDS: Readonly<Record<Basis, string>> = {
  time: "by time",
  distance: "by distance",
  sessions: "by number of sessions",
};

/**
 * A mix flag's wording around its one variable part, the share in percent:
 * `${head}${percent}${tail}` to the athlete, `${coachHead}${percent}${coachTail}` to the coach.
 */
export interface MixSentence {
  readonly head: string;
  readonly tail: string;
  readonly coachHead: string;
  readonly coachTail: string;
  /** The band edge the share crossed, in percent (60 for aerobic_low by default). */
  readonly edge: number;
  /** Whether the share is below the edge (a _low flag) or above it. */
  readonly below: boolean;
  /** Built wording by shown share × 10 (0 … 1000). */
  readonly memo: Memo<Voices>;
}

/**
 * Built wording by a small integer key, filled as it is first needed. Its array is only
 * allocated on first use: many settings objects never need most messages.
 */
export class Memo<T = Voices> {
  private built: (T | undefined)[] | null = null;
  constructor(private readonly size: number) {}

  /** The value stored under `key`, or undefined; a key outside 0 … size − 1 is never stored. */
  private get(key: number): T | undefined {
    return this.built === null ? undefined : this.built[key];
  }

  private set(key: number, value: T): T {
    if (Number.isInteger(key) && key >= 0 && key < this.size)
      (this.built ??= new Array<T | undefined>(this.size))[key] = value;
    return value;
  }

  /** The value under `key`, built (and stored) the first time it is needed. */
  remember(key: number, build: () => T): T {
    return this.get(key) ?? this.set(key, build());
  }
}

/** Memos of the frequent per-run and per-session messages. */
interface Memos {
  readonly recoveryTooHard: Memo;
  readonly recoveryTooLong: Memo;
  readonly aerobicTooHard: Memo;
  readonly aerobicTooEasy: Memo;
  readonly aerobicTooShort: Memo;
  readonly qualityTooEasy: Memo;
  readonly plannedRecoveryTooLong: Memo;
  readonly plannedAerobicTooShort: Memo;
  readonly backToBackRuns: Memo;
  readonly backToBackPlan: Memo;
  readonly missed: Memo;
  readonly unplanned: Memo;
}

const WEEKDAY_COUNT = 7;
const KINDS_COUNT = SESSION_KINDS.length;
const RPE_KEYS = 11;
/** Whole minutes 0 … 600 are memoised; other durations are rare enough to word each time. */
const MINUTE_KEYS = 601;

/** Key of a (weekday, kind, RPE) message; RPE is a whole number 1 … 10 in validated input. */
function runKey(dayNumber: number, kind: SessionKind, rpe: number): number {
  return Number.isInteger(rpe) && rpe >= 1 && rpe <= 10
    ? (weekdayIndex(dayNumber) * KINDS_COUNT + kindIndex(kind)) * RPE_KEYS + rpe
    : -1;
}

/** Key of a (weekday, whole minutes) message, or −1 (not memoised). */
function minutesKey(dayNumber: number, minutes: number): number {
  return Number.isInteger(minutes) && minutes >= 0 && minutes < MINUTE_KEYS
    ? weekdayIndex(dayNumber) * MINUTE_KEYS + minutes
    : -1;
}

/** The settings-dependent parts of messages, prepared once per settings object. */
export interface MessageTexts {
  /** RPE range per effort category: "1–3". */
  readonly rpe: Readonly<Record<Category, string>>;
  /** Every mix flag's wording, by measure and code. */
  readonly mix: Readonly<Record<Measure, Readonly<Record<MixCode, MixSentence>>>>;
  readonly recoveryTargetMin: string;
  readonly recoveryMaxMin: string;
  readonly aerobicTargetMin: string;
  readonly aerobicMinMin: string;
  /** The monotony threshold, with two decimals ("2.00"). */
  readonly monotonyMax: string;
  readonly memo: Memos;
}

/** What to change, by flag and by what was measured (an effort drift needs a different fix). */
const MIX_ADVICE: Readonly<Record<"label" | "effort", Readonly<Record<MixCode, string>>>> = {
  label: {
    aerobic_low: "Add or lengthen steady aerobic runs.",
    aerobic_high: "Swap some aerobic running for a recovery run or a quality session.",
    recovery_low: "Add an easy recovery run, or make one a little longer.",
    recovery_high: "Turn a recovery run into a steady aerobic run.",
    quality_high: "Drop or shorten a quality session.",
  },
  effort: {
    aerobic_low: "Keep aerobic runs steady: you can talk but not comfortably.",
    aerobic_high: "Keep recovery runs truly easy and let the quality sessions be hard.",
    recovery_low: "Run easy days slower, easy enough to chat the whole way.",
    recovery_high: "Some runs felt easier than intended; keep aerobic runs steady, not easy.",
    quality_high:
      "Too much of your running felt hard; slow down on easy and aerobic days so only quality sessions are hard.",
  },
};

/** What the coach can do, by flag and by what was measured. */
const COACH_MIX_ADVICE: Readonly<Record<Measure, Readonly<Record<MixCode, string>>>> = {
  label: {
    aerobic_low: "Plan more or longer steady aerobic runs.",
    aerobic_high: "Swap some aerobic running in the plan for a recovery run or a quality session.",
    recovery_low: "Plan an easy recovery run, or lengthen one.",
    recovery_high: "Turn a planned recovery run into a steady aerobic run.",
    quality_high: "Drop or shorten a quality session in the plan.",
  },
  effort: {
    aerobic_low: "Remind them what steady feels like: they can talk, but not comfortably.",
    aerobic_high: "Remind them to keep recovery runs truly easy and quality sessions hard.",
    recovery_low: "Their easy days are run too hard; remind them to slow down, easy enough to chat the whole way.",
    recovery_high: "Runs felt easier than intended; check the paces or targets set for aerobic and quality sessions.",
    quality_high: "Too much of their running felt hard; remind them to slow down on easy and aerobic days.",
  },
  plan: {
    aerobic_low: "Add or lengthen steady aerobic runs.",
    aerobic_high: "Swap some aerobic running for a recovery run or a quality session.",
    recovery_low: "Add an easy recovery run, or lengthen one.",
    recovery_high: "Turn a recovery run into a steady aerobic run.",
    quality_high: "Drop or shorten a quality session.",
  },
};

const MIX_CODES: readonly MixCode[] = ["aerobic_low", "aerobic_high", "recovery_low", "recovery_high", "quality_high"];

function categoryOfMixCode(code: MixCode): Category {
  return code.startsWith("aerobic") ? "aerobic" : code.startsWith("recovery") ? "recovery" : "quality";
}

/**
 * Mix wording, e.g. "By time, aerobic runs made up 45 % of your week; aim for 60–80 %. Add or
 * lengthen steady aerobic runs." and "Aerobic runs made up 45 % of the week by time (target
 * 60–80 %). Plan more or longer steady aerobic runs." Only the share varies between weeks.
 */
function mixSentences(settings: TrainingSettings, rpe: Readonly<Record<Category, string>>): MessageTexts["mix"] {
  const { aerobic, recovery, qualityMax } = settings.bands;
  const pct = (fraction: number) => numberText(fraction * 100);
  const target: Record<Category, string> = {
    aerobic: `${pct(aerobic[0])}–${pct(aerobic[1])} %`,
    recovery: `${pct(recovery[0])}–${pct(recovery[1])} %`,
    quality: `at most ${pct(qualityMax)} %`,
  };
  const edges: Record<MixCode, number> = {
    aerobic_low: aerobic[0],
    aerobic_high: aerobic[1],
    recovery_low: recovery[0],
    recovery_high: recovery[1],
    quality_high: qualityMax,
  };
  const by = BASIS_WORDS[settings.basis];
  const By = capitalised(by);
  const sentence = (measure: Measure, code: MixCode): MixSentence => {
    const category = categoryOfMixCode(code);
    const aim = `aim for ${target[category]}`;
    const coachTail = ` (target ${target[category]}). ${COACH_MIX_ADVICE[measure][code]}`;
    const shared = { edge: edges[code] * 100, below: code.endsWith("_low"), memo: new Memo<Voices>(1001) };
    if (measure === "plan") {
      return {
        head: `${By}, this plan has `,
        tail: ` % ${category} running; ${aim}. ${MIX_ADVICE.label[code]}`,
        coachHead: `${capitalised(category)} running makes up `,
        coachTail: ` % of the plan ${by}${coachTail}`,
        ...shared,
      };
    }
    if (measure === "effort") {
      return {
        head: `${By}, `,
        tail: ` % of your running was at ${category} effort (RPE ${rpe[category]}); ${aim}. ${MIX_ADVICE.effort[code]}`,
        coachHead: `Running at ${category} effort (RPE ${rpe[category]}) made up `,
        coachTail: ` % of the week ${by}${coachTail}`,
        ...shared,
      };
    }
    return {
      head: `${By}, ${category} runs made up `,
      tail: ` % of your week; ${aim}. ${MIX_ADVICE.label[code]}`,
      coachHead: `${capitalised(category)} runs made up `,
      coachTail: ` % of the week ${by}${coachTail}`,
      ...shared,
    };
  };
  const byCode = (measure: Measure) =>
    Object.fromEntries(MIX_CODES.map((code) => [code, sentence(measure, code)])) as Record<MixCode, MixSentence>;
  return { label: byCode("label"), effort: byCode("effort"), plan: byCode("plan") };
}

export function messageTexts(settings: TrainingSettings, recoveryMaxMin: number, aerobicMinMin: number): MessageTexts {
  const rpe = {
    recovery: rpeRangeText(settings.effortBands.recovery),
    aerobic: rpeRangeText(settings.effortBands.aerobic),
    quality: rpeRangeText(settings.effortBands.quality),
  };
  const perRun = () => new Memo(WEEKDAY_COUNT * KINDS_COUNT * RPE_KEYS);
  const perMinutes = () => new Memo(WEEKDAY_COUNT * MINUTE_KEYS);
  return {
    rpe,
    mix: mixSentences(settings, rpe),
    recoveryTargetMin: numberText(settings.recoveryMaxMin),
    recoveryMaxMin: numberText(recoveryMaxMin),
    aerobicTargetMin: numberText(settings.aerobicMinMin),
    aerobicMinMin: numberText(aerobicMinMin),
    monotonyMax: twoDecimals(settings.monotonyMax),
    memo: {
      recoveryTooHard: perRun(),
      recoveryTooLong: perMinutes(),
      aerobicTooHard: perRun(),
      aerobicTooEasy: perRun(),
      aerobicTooShort: perMinutes(),
      qualityTooEasy: perRun(),
      plannedRecoveryTooLong: perMinutes(),
      plannedAerobicTooShort: perMinutes(),
      backToBackRuns: new Memo(WEEKDAY_COUNT * KINDS_COUNT * KINDS_COUNT),
      backToBackPlan: new Memo(WEEKDAY_COUNT * KINDS_COUNT * KINDS_COUNT),
      missed: new Memo(WEEKDAY_COUNT * KINDS_COUNT),
      unplanned: new Memo(WEEKDAY_COUNT * KINDS_COUNT),
    },
  };
}

function aerobicKindPlural(kind: SessionKind): string {
  return kind === "long" ? "long runs" : "aerobic runs";
}

export function recoveryTooHard(dayNumber: number, rpe: number, texts: MessageTexts): Voices {
  return texts.memo.recoveryTooHard.remember(runKey(dayNumber, "recovery", rpe), () => {
    const day = weekdayName(dayNumber);
    return {
      message: `Your recovery run on ${day} was RPE ${rpe}; keep recovery runs at ${texts.rpe.recovery}, slow enough to chat the whole way.`,
      coachMessage: `Recovery run on ${day} at RPE ${rpe} (target ${texts.rpe.recovery}). Remind them that recovery runs should be slow enough to chat the whole way.`,
    };
  });
}

export function recoveryTooLong(dayNumber: number, minutes: number, texts: MessageTexts): Voices {
  return texts.memo.recoveryTooLong.remember(minutesKey(dayNumber, minutes), () => {
    const day = weekdayName(dayNumber);
    const lasted = numberText(minutes);
    return {
      message: `Your recovery run on ${day} lasted ${lasted} min; keep recovery runs to about ${texts.recoveryTargetMin} min (${texts.recoveryMaxMin} at most) so they leave you fresher, not more tired.`,
      coachMessage: `Recovery run on ${day} lasted ${lasted} min (target about ${texts.recoveryTargetMin}, at most ${texts.recoveryMaxMin}). Remind them to keep recovery runs short, or plan longer easy runs as aerobic runs.`,
    };
  });
}

export function aerobicTooHard(dayNumber: number, kind: SessionKind, rpe: number, texts: MessageTexts): Voices {
  return texts.memo.aerobicTooHard.remember(runKey(dayNumber, kind, rpe), () => {
    const day = weekdayName(dayNumber);
    return {
      message: `Your ${KIND_LABELS[kind]} on ${day} was RPE ${rpe}, which is quality effort; keep ${aerobicKindPlural(kind)} at RPE ${texts.rpe.aerobic}, steady: you can talk but not comfortably.`,
      coachMessage: `${KIND_TITLES[kind]} on ${day} at RPE ${rpe}, quality effort (target ${texts.rpe.aerobic}). Check the planned pace, or remind them to keep ${aerobicKindPlural(kind)} steady.`,
    };
  });
}

export function aerobicTooEasy(dayNumber: number, kind: SessionKind, rpe: number, texts: MessageTexts): Voices {
  return texts.memo.aerobicTooEasy.remember(runKey(dayNumber, kind, rpe), () => {
    const day = weekdayName(dayNumber);
    return {
      message: `Your ${KIND_LABELS[kind]} on ${day} was RPE ${rpe}, which is recovery effort; ${aerobicKindPlural(kind)} should be RPE ${texts.rpe.aerobic}, steady: you can talk but not comfortably. Pick the pace up a little next time, or log an easy day as a recovery run.`,
      coachMessage: `${KIND_TITLES[kind]} on ${day} at RPE ${rpe}, recovery effort (target ${texts.rpe.aerobic}). Encourage a steadier pace, or plan the easy day as a recovery run.`,
    };
  });
}

export function aerobicTooShort(dayNumber: number, minutes: number, texts: MessageTexts): Voices {
  return texts.memo.aerobicTooShort.remember(minutesKey(dayNumber, minutes), () => {
    const day = weekdayName(dayNumber);
    const lasted = numberText(minutes);
    return {
      message: `Your aerobic run on ${day} lasted ${lasted} min; aerobic runs should last about ${texts.aerobicTargetMin} min (at least ${texts.aerobicMinMin}). Run longer next time, or log a short easy run as a recovery run.`,
      coachMessage: `Aerobic run on ${day} lasted ${lasted} min (target about ${texts.aerobicTargetMin}, at least ${texts.aerobicMinMin}). Check they have time for it, or plan short runs as recovery runs.`,
    };
  });
}

export function qualityTooEasy(dayNumber: number, kind: SessionKind, rpe: number, texts: MessageTexts): Voices {
  return texts.memo.qualityTooEasy.remember(runKey(dayNumber, kind, rpe), () => {
    const day = weekdayName(dayNumber);
    return {
      message: `Your ${KIND_LABELS[kind]} on ${day} was RPE ${rpe}, which is easy effort; quality sessions should feel hard (RPE ${texts.rpe.quality}). Push the hard parts next time, or log an easy day as a recovery run.`,
      coachMessage: `${KIND_TITLES[kind]} on ${day} at RPE ${rpe}, easy effort (target ${texts.rpe.quality}). Ask how it went: the targets may need to be clearer, or it was an easy day logged as quality.`,
    };
  });
}

/**
 * A planned recovery run too long for its purpose (coach only; `message` stays neutral, since the
 * coach's pages show it until they show `coachMessage`).
 */
export function plannedRecoveryTooLong(dayNumber: number, minutes: number, texts: MessageTexts): Voices {
  return texts.memo.plannedRecoveryTooLong.remember(minutesKey(dayNumber, minutes), () => {
    const day = weekdayName(dayNumber);
    const planned = numberText(minutes);
    return {
      message: `The recovery run planned for ${day} is ${planned} min; recovery runs should last about ${texts.recoveryTargetMin} min (${texts.recoveryMaxMin} at most). Shorten it, or plan it as an aerobic run.`,
      coachMessage: `Recovery run planned for ${day} is ${planned} min (target about ${texts.recoveryTargetMin}, at most ${texts.recoveryMaxMin}). Shorten it, or plan it as an aerobic run.`,
    };
  });
}

/** A planned aerobic run too short for its purpose (coach only, like plannedRecoveryTooLong). */
export function plannedAerobicTooShort(dayNumber: number, minutes: number, texts: MessageTexts): Voices {
  return texts.memo.plannedAerobicTooShort.remember(minutesKey(dayNumber, minutes), () => {
    const day = weekdayName(dayNumber);
    const planned = numberText(minutes);
    return {
      message: `The aerobic run planned for ${day} is ${planned} min; aerobic runs should last about ${texts.aerobicTargetMin} min (at least ${texts.aerobicMinMin}). Lengthen it, or plan it as a recovery run.`,
      coachMessage: `Aerobic run planned for ${day} is ${planned} min (target about ${texts.aerobicTargetMin}, at least ${texts.aerobicMinMin}). Lengthen it, or plan it as a recovery run.`,
    };
  });
}

export function mixMessage(sentence: MixSentence, share: number): Voices {
  const percent = share * 100;
  let shown = Math.round(percent);
  // Just outside the band must not read as the edge itself ("60 %" when aiming for 60–80 %).
  if (shown === sentence.edge) shown = (sentence.below ? Math.floor(percent * 10) : Math.ceil(percent * 10)) / 10;
  const key = Math.round(shown * 10);
  return sentence.memo.remember(key, () => ({
    message: `${sentence.head}${shown}${sentence.tail}`,
    coachMessage: `${sentence.coachHead}${shown}${sentence.coachTail}`,
  }));
}

/** Key of a message about two sessions on consecutive days, by the later day. */
function pairKey(earlierKind: SessionKind, laterKind: SessionKind, laterDay: number): number {
  return (weekdayIndex(laterDay) * KINDS_COUNT + kindIndex(earlierKind)) * KINDS_COUNT + kindIndex(laterKind);
}

export function qualityBackToBackRuns(
  earlierKind: SessionKind,
  laterKind: SessionKind,
  laterDay: number,
  texts: MessageTexts,
): Voices {
  return texts.memo.backToBackRuns.remember(pairKey(earlierKind, laterKind, laterDay), () => {
    const day = weekdayName(laterDay);
    const dayBefore = weekdayName(laterDay - 1);
    return {
      message: `Your ${KIND_LABELS[laterKind]} on ${day} came the day after your ${KIND_LABELS[earlierKind]} on ${dayBefore}; put at least one easy day between quality sessions.`,
      coachMessage: `${KIND_TITLES[laterKind]} on ${day} came the day after a ${KIND_LABELS[earlierKind]} on ${dayBefore}. Check the plan leaves an easy day between quality sessions, and remind them not to move sessions together.`,
    };
  });
}

export function qualityBackToBackPlan(
  earlierKind: SessionKind,
  laterKind: SessionKind,
  laterDay: number,
  texts: MessageTexts,
): Voices {
  return texts.memo.backToBackPlan.remember(pairKey(earlierKind, laterKind, laterDay), () => {
    const day = weekdayName(laterDay);
    const dayBefore = weekdayName(laterDay - 1);
    return {
      message: `This plan has a ${KIND_LABELS[earlierKind]} on ${dayBefore} and a ${KIND_LABELS[laterKind]} on ${day}, back to back; put an easy day between quality sessions.`,
      coachMessage: `The plan has a ${KIND_LABELS[earlierKind]} on ${dayBefore} and a ${KIND_LABELS[laterKind]} on ${day}, back to back. Put an easy day between them.`,
    };
  });
}

/** `monotony` null: every day carried the same load (the SD is 0). `max` is the threshold it crossed. */
export function monotonyHigh(monotony: number | null, max: number, texts: MessageTexts): Voices {
  const how =
    monotony === null
      ? "the same every day this week"
      : `much the same every day this week (monotony ${twoDecimals(monotony, max)}, above ${texts.monotonyMax})`;
  return {
    message: `Your training load was ${how}; mix harder days with easier days and a rest day.`,
    coachMessage: `Training load was ${how}. Vary the plan: harder and easier days, and a rest day.`,
  };
}

/** Neutral wording of the load ratio: a change against the recent average, nothing more. */
export function loadChangeText(ratio: number): string {
  const change = Math.round((ratio - 1) * 100);
  if (change === 0) return "This week's load is about the same as your recent average (the 3 weeks before)";
  return `This week's load is ${Math.abs(change)} % ${change > 0 ? "above" : "below"} your recent average (the 3 weeks before)`;
}

/** The same change, about the athlete. */
function coachLoadChangeText(ratio: number): string {
  const change = Math.round((ratio - 1) * 100);
  if (change === 0) return "Load this week is about the same as their recent average";
  return `Load this week is ${Math.abs(change)} % ${change > 0 ? "above" : "below"} their recent average`;
}

export function loadSpike(ratio: number): Voices {
  const shown = twoDecimals(ratio);
  return {
    message: `${loadChangeText(ratio)}, a ratio of ${shown}; if that was not planned, build up more gradually.`,
    coachMessage: `${coachLoadChangeText(ratio)} (ratio ${shown} to the 3 weeks before). If that was not planned, build the load up more gradually.`,
  };
}

/** Key of a message about one session, by weekday and kind. */
function sessionKey(kind: SessionKind, dayNumber: number): number {
  return weekdayIndex(dayNumber) * KINDS_COUNT + kindIndex(kind);
}

export function missedSession(kind: SessionKind, dayNumber: number, texts: MessageTexts): Voices {
  return texts.memo.missed.remember(sessionKey(kind, dayNumber), () => {
    const day = weekdayName(dayNumber);
    return {
      message: `The ${KIND_LABELS[kind]} planned for ${day} has no matching run. If you did it, log it; if not, let your coach know so the week can be adjusted.`,
      coachMessage: `No run logged for the ${KIND_LABELS[kind]} planned for ${day}. Check in with them, and adjust the week if needed.`,
    };
  });
}

export function unplannedSession(kind: SessionKind, dayNumber: number, texts: MessageTexts): Voices {
  return texts.memo.unplanned.remember(sessionKey(kind, dayNumber), () => {
    const day = weekdayName(dayNumber);
    return {
      message: `Your ${KIND_LABELS[kind]} on ${day} was not in the plan. That's fine; just check it still fits the week's balance.`,
      coachMessage: `${KIND_TITLES[kind]} on ${day} was not in the plan. Check it still fits the week's balance.`,
    };
  });
}
