/** Flags about a single run: effort or duration that does not fit its kind. */
import * as say from "./messages";
import { AEROBIC, EPSILON, RECOVERY, type CategorySlot } from "./mix";
import type { Prepared } from "./prepared";
import type { Flag, RunInput } from "./types";

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
      flags.push({
        code: "recovery_too_hard",
        severity: "warning",
        runId: run.id,
        values: { rpe, max: prepared.easyMaxRpe },
        message: say.recoveryTooHard(dayNumber, rpe, prepared.texts),
      });
    }
    if (minutes > prepared.recoveryMaxMin + EPSILON) {
      flags.push({
        code: "recovery_too_long",
        severity: "warning",
        runId: run.id,
        values: { durationMin: minutes, max: prepared.recoveryMaxMin },
        message: say.recoveryTooLong(dayNumber, minutes, prepared.texts),
      });
    }
  } else if (slot === AEROBIC) {
    if (rpe >= prepared.hardMinRpe) {
      flags.push({
        code: "aerobic_too_hard",
        severity: "warning",
        runId: run.id,
        values: { rpe, max: prepared.hardMinRpe - 1 },
        message: say.aerobicTooHard(dayNumber, kind, rpe, prepared.texts),
      });
    } else if (rpe <= prepared.easyMaxRpe) {
      flags.push({
        code: "aerobic_too_easy",
        severity: "warning",
        runId: run.id,
        values: { rpe, min: prepared.easyMaxRpe + 1 },
        message: say.aerobicTooEasy(dayNumber, kind, rpe, prepared.texts),
      });
    }
    // The long run is judged by its own purpose, not by the aerobic minimum.
    if (minutes < prepared.aerobicMinMin - EPSILON && kind === "aerobic") {
      flags.push({
        code: "aerobic_too_short",
        severity: "warning",
        runId: run.id,
        values: { durationMin: minutes, min: prepared.aerobicMinMin },
        message: say.aerobicTooShort(dayNumber, minutes, prepared.texts),
      });
    }
  } else if (rpe <= prepared.easyMaxRpe) {
    flags.push({
      code: "quality_too_easy",
      severity: "warning",
      runId: run.id,
      values: { rpe, min: prepared.easyMaxRpe + 1 },
      message: say.qualityTooEasy(dayNumber, kind, rpe, prepared.texts),
    });
  }
}
