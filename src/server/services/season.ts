import "server-only";
import { paceGuidance, vdotFromRace } from "~/domain/rules";
import { formValuesOfOverride, settingsProblem, type EditableOverride } from "~/domain/training/settings-form";
import { resolveSettings } from "~/domain/rules/parse";
import { phaseTitle } from "~/domain/training/season";
import { formatDay } from "~/lib/format";
import type { AthleteContext } from "~/server/data/athletes";
import { setRecentRace } from "~/server/data/athletes";
import {
  deletePhase,
  deleteRace,
  findPhase,
  findRace,
  insertPhase,
  insertRace,
  phasesOf,
  racesOf,
  updatePhase,
  updateRace,
  type RaceValues,
} from "~/server/data/season";
import type { Tx } from "~/server/db/connection";
import { ServiceError } from "~/server/errors";
import { settingsFor } from "./recent-weeks";

type Org = { id: string; trainingSettings: unknown };

/** An athlete's season: phases (each with the settings it resolves to) and races, earliest first. */
export async function seasonOf(tx: Tx, org: Org, athlete: AthleteContext) {
  const [phases, races] = await Promise.all([
    phasesOf(tx, org.id, athlete.athleteId),
    racesOf(tx, org.id, athlete.athleteId),
  ]);
  const athleteSettings = settingsFor(org.trainingSettings, athlete.trainingSettings);
  return {
    /** What a phase's targets override: the athlete's own settings over the club's. */
    athleteSettings,
    orgOverride: org.trainingSettings,
    athleteOverride: athlete.trainingSettings,
    /** Each with the settings it resolves to and its targets as form text (the form loads no zod up front). */
    phases: phases.map((phase) => {
      const resolved = resolveSettings(org.trainingSettings, athlete.trainingSettings, phase.settings);
      return {
        ...phase,
        resolved: resolved.ok ? resolved.value : athleteSettings,
        formValues: formValuesOfOverride(phase.settings, athleteSettings),
      };
    }),
    newPhaseFormValues: formValuesOfOverride({}, athleteSettings),
    races,
    /** The athlete's race for paces today, to show "old → new" before a result replaces it. */
    pacesRace:
      athlete.raceDistanceM && athlete.raceTimeS
        ? { distanceM: athlete.raceDistanceM, timeS: athlete.raceTimeS }
        : null,
  };
}

export interface PhaseInput {
  name: string;
  startDate: string;
  endDate: string;
  settings: EditableOverride;
}

/**
 * Adds a phase (phaseId null) or changes one of this athlete's. Refused, naming the other phase, when
 * it would overlap one (the database's exclusion constraint is the backstop for concurrent saves), and
 * when its targets would not hold over the athlete's own settings.
 */
export async function savePhase(tx: Tx, org: Org, athlete: AthleteContext, phaseId: string | null, input: PhaseInput) {
  if (input.endDate < input.startDate)
    throw new ServiceError("BAD_REQUEST", "The phase must end on or after its start.", "endDate");
  const problem = settingsProblem(org.trainingSettings, athlete.trainingSettings, input.settings);
  if (problem) throw new ServiceError("BAD_REQUEST", problem);
  const existing = await phasesOf(tx, org.id, athlete.athleteId);
  if (phaseId !== null && !existing.some((p) => p.id === phaseId))
    throw new ServiceError("NOT_FOUND", "No such phase.");
  const clash = existing.find((p) => p.id !== phaseId && p.startDate <= input.endDate && p.endDate >= input.startDate);
  if (clash)
    throw new ServiceError(
      "CONFLICT",
      `This overlaps the ${phaseTitle(clash.name)} (${formatDay(clash.startDate)} – ${formatDay(clash.endDate)}). Phases cannot overlap: change its dates first.`,
    );
  const values = { ...input, name: input.name.trim() };
  if (phaseId === null) return { id: await insertPhase(tx, org.id, athlete.athleteId, values) };
  await updatePhase(tx, org.id, phaseId, values);
  return { id: phaseId };
}

/** A phase and its athlete's id, if it exists in this organisation (the caller checks access to the athlete). */
export async function phaseById(tx: Tx, orgId: string, phaseId: string) {
  const phase = await findPhase(tx, orgId, phaseId);
  if (!phase) throw new ServiceError("NOT_FOUND", "No such phase.");
  return phase;
}

export async function removePhase(tx: Tx, orgId: string, phaseId: string) {
  await deletePhase(tx, orgId, phaseId);
}

export async function raceById(tx: Tx, orgId: string, raceId: string) {
  const race = await findRace(tx, orgId, raceId);
  if (!race) throw new ServiceError("NOT_FOUND", "No such race.");
  return race;
}

/** Adds a race (raceId null) or changes one; the caller checked that the race belongs to `athlete`. */
export async function saveRace(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  raceId: string | null,
  input: RaceValues,
) {
  const values = { ...input, name: input.name.trim(), note: input.note.trim() };
  if (raceId === null) return { id: await insertRace(tx, orgId, athlete.athleteId, values) };
  await updateRace(tx, orgId, raceId, values);
  return { id: raceId };
}

export async function removeRace(tx: Tx, orgId: string, raceId: string) {
  await deleteRace(tx, orgId, raceId);
}

/** Races the paces page accepts (athletes.setRace's limits). */
const PACES_DISTANCE = { min: 800, max: 100_000 } as const;

/**
 * Makes a race's result the athlete's race for paces (VDOT), after the person confirmed "old → new".
 * Refused when the race has no result or is outside what pace guidance accepts.
 */
export async function useRaceForPaces(tx: Tx, orgId: string, athlete: AthleteContext, raceId: string) {
  const race = await raceById(tx, orgId, raceId);
  if (race.athleteId !== athlete.athleteId) throw new ServiceError("NOT_FOUND", "No such race.");
  if (race.resultTimeS === null) throw new ServiceError("BAD_REQUEST", "Enter the race's result first.");
  if (race.distanceM < PACES_DISTANCE.min || race.distanceM > PACES_DISTANCE.max)
    throw new ServiceError("BAD_REQUEST", "Paces come from races between 800 m and 100 km.");
  if (race.distanceM / race.resultTimeS > 10.5)
    throw new ServiceError("BAD_REQUEST", "That result is faster than the world record: check the distance and time.");
  await setRecentRace(tx, orgId, athlete.athleteId, { distanceM: race.distanceM, timeS: race.resultTimeS });
  return {
    vdot: vdotFromRace(race.distanceM, race.resultTimeS),
    guidance: paceGuidance(race.distanceM, race.resultTimeS),
  };
}
