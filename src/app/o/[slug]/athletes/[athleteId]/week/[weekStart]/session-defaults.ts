/** What a new session starts with, and when a draft is incomplete: shared by the builder and its editor. */
import type { SessionKind } from "~/domain/rules";
import type { SessionDraft } from "~/domain/training/week-plan";

/** What a new session of each kind starts with: a typical duration and its intended effort. */
export const KIND_DEFAULTS: Readonly<Record<SessionKind, { durationMin: number; targetRpe: number }>> = {
  recovery: { durationMin: 25, targetRpe: 2 },
  aerobic: { durationMin: 45, targetRpe: 5 },
  long: { durationMin: 90, targetRpe: 5 },
  tempo: { durationMin: 45, targetRpe: 7 },
  intervals: { durationMin: 50, targetRpe: 8 },
  hills: { durationMin: 45, targetRpe: 8 },
  race: { durationMin: 30, targetRpe: 9 },
};

type KindFields = Pick<SessionDraft, "kind" | "durationMin" | "distanceM" | "targetRpe">;

/**
 * Whether a session's duration is the coach's choice rather than its kind's default: the editor
 * starts from this and counts any typing in the field as a choice.
 */
export function durationChosen(draft: Pick<SessionDraft, "kind" | "durationMin">): boolean {
  return draft.durationMin !== null && draft.durationMin !== KIND_DEFAULTS[draft.kind].durationMin;
}

/**
 * What changing a session's kind changes with it: a duration the coach has not chosen (see
 * `durationChosen`) and a target RPE left at the old kind's default take the new kind's defaults, so
 * a new aerobic run turned into a long run becomes 90 minutes, not a 45-minute "long" run. A session
 * given by distance alone keeps having no duration.
 */
export function kindChange(draft: KindFields, kind: SessionKind, chosen = durationChosen(draft)): Partial<KindFields> {
  const after = KIND_DEFAULTS[kind];
  const resetDuration = !chosen && !(draft.durationMin === null && draft.distanceM !== null);
  const untouchedRpe = draft.targetRpe === null || draft.targetRpe === KIND_DEFAULTS[draft.kind].targetRpe;
  return {
    kind,
    ...(resetDuration ? { durationMin: after.durationMin } : {}),
    ...(untouchedRpe ? { targetRpe: after.targetRpe } : {}),
  };
}

export function amountProblem(draft: Pick<SessionDraft, "durationMin" | "distanceM">): string | null {
  if (draft.durationMin === null && draft.distanceM === null) return "Give the session a duration or a distance.";
  if (draft.distanceM !== null && Number.isNaN(draft.distanceM))
    return "Enter the distance as a number, e.g. 8 or 8.5.";
  return null;
}
