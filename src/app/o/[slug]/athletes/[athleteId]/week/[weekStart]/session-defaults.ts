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
 * What changing a session's kind changes with it: a duration or target RPE the coach left at the old
 * kind's default (or never gave) takes the new kind's default; anything the coach chose stays. So a
 * new aerobic run turned into a long run becomes 90 minutes, not a 45-minute "long" run.
 */
export function kindChange(draft: KindFields, kind: SessionKind): Partial<KindFields> {
  const before = KIND_DEFAULTS[draft.kind];
  const after = KIND_DEFAULTS[kind];
  const untouchedDuration =
    draft.durationMin === before.durationMin || (draft.durationMin === null && draft.distanceM === null);
  const untouchedRpe = draft.targetRpe === null || draft.targetRpe === before.targetRpe;
  return {
    kind,
    ...(untouchedDuration ? { durationMin: after.durationMin } : {}),
    ...(untouchedRpe ? { targetRpe: after.targetRpe } : {}),
  };
}

export function amountProblem(draft: Pick<SessionDraft, "durationMin" | "distanceM">): string | null {
  if (draft.durationMin === null && draft.distanceM === null) return "Give the session a duration or a distance.";
  if (draft.distanceM !== null && Number.isNaN(draft.distanceM))
    return "Enter the distance as a number, e.g. 8 or 8.5.";
  return null;
}
