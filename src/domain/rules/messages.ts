/**
 * Plain-language messages for runners and coaches: what happened (naming the weekday) and what
 * to do next time. They are made on the hot path, so the parts that depend only on the settings
 * (RPE ranges, target bands) are prepared once per settings object by `messageTexts`, and the
 * frequent messages, which depend only on a few small numbers (weekday, kind, RPE, a rounded
 * share) and so repeat from week to week, are built once each and then reused (see `Memo`).
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

/** 36.04 → "36", 23.46 → "23.5" (whole numbers go through the cheap integer path). */
function numberText(value: number): string {
  const tenths = Math.round(value * 10);
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

function rpeRangeText([lo, hi]: RpeRange): string {
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}

const BASIS_WORDS: Readonly<Record<Basis, string>> = {
  time: "By time",
  distance: "By distance",
  sessions: "By number of sessions",
};

/** A mix message around its one variable part, the share: `${head}${percent}${tail}`. */
export interface MixSentence {
  readonly head: string;
  readonly tail: string;
  /** The band edge the share crossed, in percent (60 for aerobic_low by default). */
  readonly edge: number;
  /** Whether the share is below the edge (a _low flag) or above it. */
  readonly below: boolean;
  /** Built messages by shown share × 10 (0 … 1000). */
  readonly memo: Memo;
}

/**
 * Built messages by a small integer key, filled as messages are first needed. Its array is only
 * allocated on first use: many settings objects never need most messages.
 */
export class Memo {
  private built: (string | undefined)[] | null = null;
  constructor(private readonly size: number) {}

  /** The message stored under `key`, or undefined; a key outside 0 … size − 1 is never stored. */
  private get(key: number): string | undefined {
    return this.built === null ? undefined : this.built[key];
  }

  private set(key: number, message: string): string {
    if (Number.isInteger(key) && key >= 0 && key < this.size)
      (this.built ??= new Array<string | undefined>(this.size))[key] = message;
    return message;
  }

  /** The message under `key`, built (and stored) the first time it is needed. */
  remember(key: number, build: () => string): string {
    return this.get(key) ?? this.set(key, build());
  }
}

/** Memos of the frequent per-run and per-session messages. */
interface Memos {
  readonly recoveryTooHard: Memo;
  readonly aerobicTooHard: Memo;
  readonly aerobicTooEasy: Memo;
  readonly qualityTooEasy: Memo;
  readonly backToBackRuns: Memo;
  readonly backToBackPlan: Memo;
  readonly missed: Memo;
  readonly unplanned: Memo;
}

const WEEKDAY_COUNT = 7;
const KINDS_COUNT = SESSION_KINDS.length;
const RPE_KEYS = 11;

/** Key of a (weekday, kind, RPE) message; RPE is a whole number 1 … 10 in validated input. */
function runKey(dayNumber: number, kind: SessionKind, rpe: number): number {
  return Number.isInteger(rpe) && rpe >= 1 && rpe <= 10
    ? (weekdayIndex(dayNumber) * KINDS_COUNT + kindIndex(kind)) * RPE_KEYS + rpe
    : -1;
}

/** The settings-dependent parts of messages, prepared once per settings object. */
export interface MessageTexts {
  /** RPE range per effort category: "1–3". */
  readonly rpe: Readonly<Record<Category, string>>;
  /** Every mix message, by measure and code. */
  readonly mix: Readonly<Record<Measure, Readonly<Record<MixCode, MixSentence>>>>;
  readonly recoveryTargetMin: string;
  readonly recoveryMaxMin: string;
  readonly aerobicTargetMin: string;
  readonly aerobicMinMin: string;
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

const MIX_CODES: readonly MixCode[] = ["aerobic_low", "aerobic_high", "recovery_low", "recovery_high", "quality_high"];

function categoryOfMixCode(code: MixCode): Category {
  return code.startsWith("aerobic") ? "aerobic" : code.startsWith("recovery") ? "recovery" : "quality";
}

/**
 * Mix messages, e.g. "By time, aerobic runs made up 45 % of your week; aim for 60–80 %. Add or
 * lengthen steady aerobic runs." Only the share varies between weeks, so the rest is built here.
 */
function mixSentences(settings: TrainingSettings, rpe: Readonly<Record<Category, string>>): MessageTexts["mix"] {
  const { aerobic, recovery, qualityMax } = settings.bands;
  const pct = (fraction: number) => numberText(fraction * 100);
  const aim: Record<Category, string> = {
    aerobic: `aim for ${pct(aerobic[0])}–${pct(aerobic[1])} %`,
    recovery: `aim for ${pct(recovery[0])}–${pct(recovery[1])} %`,
    quality: `aim for at most ${pct(qualityMax)} %`,
  };
  const edges: Record<MixCode, number> = {
    aerobic_low: aerobic[0],
    aerobic_high: aerobic[1],
    recovery_low: recovery[0],
    recovery_high: recovery[1],
    quality_high: qualityMax,
  };
  const by = BASIS_WORDS[settings.basis];
  const sentence = (measure: Measure, code: MixCode): MixSentence => {
    const category = categoryOfMixCode(code);
    const edge = { edge: edges[code] * 100, below: code.endsWith("_low"), memo: new Memo(1001) };
    if (measure === "plan") {
      return {
        head: `${by}, this plan has `,
        tail: ` % ${category} running; ${aim[category]}. ${MIX_ADVICE.label[code]}`,
        ...edge,
      };
    }
    if (measure === "effort") {
      const tail = ` % of your running was at ${category} effort (RPE ${rpe[category]}); ${aim[category]}. ${MIX_ADVICE.effort[code]}`;
      return { head: `${by}, `, tail, ...edge };
    }
    return {
      head: `${by}, ${category} runs made up `,
      tail: ` % of your week; ${aim[category]}. ${MIX_ADVICE.label[code]}`,
      ...edge,
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
  return {
    rpe,
    mix: mixSentences(settings, rpe),
    recoveryTargetMin: numberText(settings.recoveryMaxMin),
    recoveryMaxMin: numberText(recoveryMaxMin),
    aerobicTargetMin: numberText(settings.aerobicMinMin),
    aerobicMinMin: numberText(aerobicMinMin),
    monotonyMax: numberText(settings.monotonyMax),
    memo: {
      recoveryTooHard: new Memo(WEEKDAY_COUNT * KINDS_COUNT * RPE_KEYS),
      aerobicTooHard: new Memo(WEEKDAY_COUNT * KINDS_COUNT * RPE_KEYS),
      aerobicTooEasy: new Memo(WEEKDAY_COUNT * KINDS_COUNT * RPE_KEYS),
      qualityTooEasy: new Memo(WEEKDAY_COUNT * KINDS_COUNT * RPE_KEYS),
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

export function recoveryTooHard(dayNumber: number, rpe: number, texts: MessageTexts): string {
  const key = runKey(dayNumber, "recovery", rpe);
  return texts.memo.recoveryTooHard.remember(
    key,
    () =>
      `Your recovery run on ${weekdayName(dayNumber)} was RPE ${rpe}; keep recovery runs at ${texts.rpe.recovery}, slow enough to chat the whole way.`,
  );
}

export function recoveryTooLong(dayNumber: number, minutes: number, texts: MessageTexts): string {
  return `Your recovery run on ${weekdayName(dayNumber)} lasted ${numberText(minutes)} min; keep recovery runs to about ${texts.recoveryTargetMin} min (${texts.recoveryMaxMin} at most) so they leave you fresher, not more tired.`;
}

export function aerobicTooHard(dayNumber: number, kind: SessionKind, rpe: number, texts: MessageTexts): string {
  const key = runKey(dayNumber, kind, rpe);
  return texts.memo.aerobicTooHard.remember(
    key,
    () =>
      `Your ${KIND_LABELS[kind]} on ${weekdayName(dayNumber)} was RPE ${rpe}, which is quality effort; keep ${aerobicKindPlural(kind)} at RPE ${texts.rpe.aerobic}, steady: you can talk but not comfortably.`,
  );
}

export function aerobicTooEasy(dayNumber: number, kind: SessionKind, rpe: number, texts: MessageTexts): string {
  const key = runKey(dayNumber, kind, rpe);
  return texts.memo.aerobicTooEasy.remember(
    key,
    () =>
      `Your ${KIND_LABELS[kind]} on ${weekdayName(dayNumber)} was RPE ${rpe}, which is recovery effort; ${aerobicKindPlural(kind)} should be RPE ${texts.rpe.aerobic}, steady: you can talk but not comfortably. Pick the pace up a little next time, or log an easy day as a recovery run.`,
  );
}

export function aerobicTooShort(dayNumber: number, minutes: number, texts: MessageTexts): string {
  return `Your aerobic run on ${weekdayName(dayNumber)} lasted ${numberText(minutes)} min; aerobic runs should last about ${texts.aerobicTargetMin} min (at least ${texts.aerobicMinMin}). Run longer next time, or log a short easy run as a recovery run.`;
}

export function qualityTooEasy(dayNumber: number, kind: SessionKind, rpe: number, texts: MessageTexts): string {
  const key = runKey(dayNumber, kind, rpe);
  return texts.memo.qualityTooEasy.remember(
    key,
    () =>
      `Your ${KIND_LABELS[kind]} on ${weekdayName(dayNumber)} was RPE ${rpe}, which is easy effort; quality sessions should feel hard (RPE ${texts.rpe.quality}). Push the hard parts next time, or log an easy day as a recovery run.`,
  );
}

export function mixMessage(sentence: MixSentence, share: number): string {
  const percent = share * 100;
  let shown = Math.round(percent);
  // Just outside the band must not read as the edge itself ("60 %" when aiming for 60–80 %).
  if (shown === sentence.edge) shown = (sentence.below ? Math.floor(percent * 10) : Math.ceil(percent * 10)) / 10;
  const key = Math.round(shown * 10);
  return sentence.memo.remember(key, () => `${sentence.head}${shown}${sentence.tail}`);
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
): string {
  const key = pairKey(earlierKind, laterKind, laterDay);
  return texts.memo.backToBackRuns.remember(
    key,
    () =>
      `Your ${KIND_LABELS[laterKind]} on ${weekdayName(laterDay)} came the day after your ${KIND_LABELS[earlierKind]} on ${weekdayName(laterDay - 1)}; put at least one easy day between quality sessions.`,
  );
}

export function qualityBackToBackPlan(
  earlierKind: SessionKind,
  laterKind: SessionKind,
  laterDay: number,
  texts: MessageTexts,
): string {
  const key = pairKey(earlierKind, laterKind, laterDay);
  return texts.memo.backToBackPlan.remember(
    key,
    () =>
      `This plan has a ${KIND_LABELS[earlierKind]} on ${weekdayName(laterDay - 1)} and a ${KIND_LABELS[laterKind]} on ${weekdayName(laterDay)}, back to back; put an easy day between quality sessions.`,
  );
}

export function monotonyHigh(monotony: number | null, texts: MessageTexts): string {
  const how =
    monotony === null
      ? "the same every day this week"
      : `much the same every day this week (monotony ${monotony.toFixed(1)}, above ${texts.monotonyMax})`;
  return `Your training load was ${how}; mix harder days with easier days and a rest day.`;
}

/** Neutral wording of the load ratio: a change against the recent average, nothing more. */
export function loadChangeText(ratio: number): string {
  const change = Math.round((ratio - 1) * 100);
  if (change === 0) return "This week's load is about the same as your recent average (the 3 weeks before)";
  return `This week's load is ${Math.abs(change)} % ${change > 0 ? "above" : "below"} your recent average (the 3 weeks before)`;
}

export function loadSpike(ratio: number): string {
  return `${loadChangeText(ratio)}; if that was not planned, build up more gradually.`;
}

/** Key of a message about one session, by weekday and kind. */
function sessionKey(kind: SessionKind, dayNumber: number): number {
  return weekdayIndex(dayNumber) * KINDS_COUNT + kindIndex(kind);
}

export function missedSession(kind: SessionKind, dayNumber: number, texts: MessageTexts): string {
  const key = sessionKey(kind, dayNumber);
  return texts.memo.missed.remember(
    key,
    () =>
      `The ${KIND_LABELS[kind]} planned for ${weekdayName(dayNumber)} has no matching run. If you did it, log it; if not, let your coach know so the week can be adjusted.`,
  );
}

export function unplannedSession(kind: SessionKind, dayNumber: number, texts: MessageTexts): string {
  const key = sessionKey(kind, dayNumber);
  return texts.memo.unplanned.remember(
    key,
    () =>
      `Your ${KIND_LABELS[kind]} on ${weekdayName(dayNumber)} was not in the plan. That's fine; just check it still fits the week's balance.`,
  );
}
