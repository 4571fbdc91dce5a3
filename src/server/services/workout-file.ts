import "server-only";
import { athletePaces } from "~/domain/training/workout-paces";
import { readWorkoutStructure } from "~/domain/training/workout-schema";
import { athleteWatchWorkout, type WatchWorkout } from "~/domain/training/workout-watch";
import type { SessionKind } from "~/domain/rules";
import { formatDay, KIND_NAMES } from "~/lib/format";
import type { AthleteContext } from "~/server/data/athletes";
import { findPlannedWorkout } from "~/server/data/weeks";
import type { Tx } from "~/server/db/connection";
import { ServiceError } from "~/server/errors";
import { encodeFitWorkout } from "./fit-workout";

type AthletePaceSource = Pick<AthleteContext, "raceDistanceM" | "raceTimeS">;

/** "Intervals · Tue 8 Dec": what the watch lists the workout as. */
export const workoutName = (session: { kind: SessionKind; date: string }) =>
  `${KIND_NAMES[session.kind]} · ${formatDay(session.date)}`;

/** A structured session as this athlete runs it (their paces), or null for a session without steps. */
export function athleteWorkout(
  session: { kind: SessionKind; date: string; structure: unknown },
  athlete: AthletePaceSource,
): WatchWorkout | null {
  const structure = readWorkoutStructure(session.structure);
  if (!structure) return null;
  const paces = athletePaces({ distanceM: athlete.raceDistanceM, timeS: athlete.raceTimeS });
  return athleteWatchWorkout(workoutName(session), structure, paces);
}

/** The planned session a download names, or a refusal that says nothing about sessions out of sight. */
export async function plannedWorkout(tx: Tx, orgId: string, sessionId: string) {
  const session = await findPlannedWorkout(tx, orgId, sessionId);
  if (!session) throw new ServiceError("NOT_FOUND", "No such planned session.");
  return session;
}

/**
 * The FIT workout file of a structured session for its athlete's watch: the file name to save it
 * under and its bytes. A session without steps has nothing for a watch to follow: refused.
 */
export function workoutFile(
  session: { kind: SessionKind; date: string; structure: unknown },
  athlete: AthletePaceSource,
  at: Date,
): { fileName: string; bytes: Uint8Array } {
  const workout = athleteWorkout(session, athlete);
  if (!workout) throw new ServiceError("NOT_FOUND", "This session has no steps to put on a watch.");
  return { fileName: `runbalance-${session.date}-${session.kind}.fit`, bytes: encodeFitWorkout(workout, at) };
}
