/** Flags about a single run or planned session: effort or duration that does not fit its kind. */
import * as say from "./messages";
import { AEROBIC, EPSILON, RECOVERY, type CategorySlot } from "./mix";
import type { Prepared } from "./prepared";
import type { Flag, PlannedSession, RunInput } from "./types";

/**
 * Appends the run's own flags; `slot` is the category of its kind (kindSlot), already at hand.
 * All are warnings, aerobic_too_easy and aerobic_too_short included: each is a drift from what
 * the session was for (running easier or shorter than intended drifts too, if less harmfully).
 * Only unplanned_session is information (sequence.ts).
 */
export function addRunFlags(
  run: RunInput,
  slot: CategorySlot,
  dayNumber: number,
  prepared: Prepared,
  flags: Flag[],
): void {
  const { kind, rpe, durationMin: minutes } = run;
  if (slot === RECOVERY) {
    if (rpe > prepared.easyMaxRpe) {
      const voices = say.recoveryTooHard(dayNumber, rpe, prepared.texts);
      flags.push({
        code: "recovery_too_hard",
        severity: "warning",
        audience: "both",
        runId: run.id,
        values: { rpe, max: prepared.easyMaxRpe },
        message: voices.message,
        coachMessage: voices.coachMessage,
      });
    }
    if (minutes > prepared.recoveryMaxMin + EPSILON) {
      const voices = say.recoveryTooLong(dayNumber, minutes, prepared.texts);
      flags.push({
        code: "recovery_too_long",
        severity: "warning",
        audience: "both",
        runId: run.id,
        values: { durationMin: minutes, max: prepared.recoveryMaxMin },
        message: voices.message,
        coachMessage: voices.coachMessage,
      });
    }
  } else if (slot === AEROBIC) {
    if (rpe >= prepared.hardMinRpe) {
      const voices = say.aerobicTooHard(dayNumber, kind, rpe, prepared.texts);
      flags.push({
        code: "aerobic_too_hard",
        severity: "warning",
        audience: "both",
        runId: run.id,
        values: { rpe, max: prepared.hardMinRpe - 1 },
        message: voices.message,
        coachMessage: voices.coachMessage,
      });
    } else if (rpe <= prepared.easyMaxRpe) {
      const voices = say.aerobicTooEasy(dayNumber, kind, rpe, prepared.texts);
      flags.push({
        code: "aerobic_too_easy",
        severity: "warning",
        audience: "both",
        runId: run.id,
        values: { rpe, min: prepared.easyMaxRpe + 1 },
        message: voices.message,
        coachMessage: voices.coachMessage,
      });
    }
    // The long run is judged by its own purpose, not by the aerobic minimum.
    if (minutes < prepared.aerobicMinMin - EPSILON && kind === "aerobic") {
      const voices = say.aerobicTooShort(dayNumber, minutes, prepared.texts);
      flags.push({
        code: "aerobic_too_short",
        severity: "warning",
        audience: "both",
        runId: run.id,
        values: { durationMin: minutes, min: prepared.aerobicMinMin },
        message: voices.message,
        coachMessage: voices.coachMessage,
      });
    }
  } else if (rpe <= prepared.easyMaxRpe) {
    const voices = say.qualityTooEasy(dayNumber, kind, rpe, prepared.texts);
    flags.push({
      code: "quality_too_easy",
      severity: "warning",
      audience: "both",
      runId: run.id,
      values: { rpe, min: prepared.easyMaxRpe + 1 },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  }
}

/**
 * The duration checks on a planned session (measure "plan", for the coach only), by its planned
 * duration, with the same thresholds and edges as for runs: a coach who plans a 45-min recovery
 * run hears it while building the week. A session planned by distance alone has no planned
 * duration and is not checked (an estimate from distance would be too rough to warn on).
 */
export function addPlannedSessionFlags(
  session: PlannedSession,
  slot: CategorySlot,
  dayNumber: number,
  prepared: Prepared,
  flags: Flag[],
): void {
  const minutes = session.durationMin;
  if (minutes === undefined) return;
  if (slot === RECOVERY && minutes > prepared.recoveryMaxMin + EPSILON) {
    const voices = say.plannedRecoveryTooLong(dayNumber, minutes, prepared.texts);
    flags.push({
      code: "recovery_too_long",
      severity: "warning",
      audience: "coach",
      measure: "plan",
      plannedId: session.id,
      values: { durationMin: minutes, max: prepared.recoveryMaxMin },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  } else if (slot === AEROBIC && session.kind === "aerobic" && minutes < prepared.aerobicMinMin - EPSILON) {
    const voices = say.plannedAerobicTooShort(dayNumber, minutes, prepared.texts);
    flags.push({
      code: "aerobic_too_short",
      severity: "warning",
      audience: "coach",
      measure: "plan",
      plannedId: session.id,
      values: { durationMin: minutes, min: prepared.aerobicMinMin },
      message: voices.message,
      coachMessage: voices.coachMessage,
    });
  }
}
