import "server-only";
import { lapCompliance, type LapCompliance } from "~/domain/training/lap-compliance";
import type { AthleteContext } from "~/server/data/athletes";
import { findRunLaps } from "~/server/data/runs";
import { findPlannedWorkout } from "~/server/data/weeks";
import type { Tx } from "~/server/db/connection";
import { athleteWorkout } from "./workout-file";

/**
 * An imported run's laps against the structured session it fulfils, with its athlete's paces; null
 * when there is nothing to compare (a logged run, no laps, a session without steps): then the
 * run is compared on duration, as every run is.
 */
export async function runLapCompliance(
  tx: Tx,
  orgId: string,
  run: { id: string; plannedSessionId: string | null },
  athlete: Pick<AthleteContext, "raceDistanceM" | "raceTimeS">,
): Promise<LapCompliance | null> {
  if (!run.plannedSessionId) return null;
  const laps = await findRunLaps(tx, orgId, run.id);
  if (!laps || laps.length < 2) return null;
  const session = await findPlannedWorkout(tx, orgId, run.plannedSessionId);
  const workout = session ? athleteWorkout(session, athlete) : null;
  return workout ? lapCompliance(workout, laps) : null;
}
