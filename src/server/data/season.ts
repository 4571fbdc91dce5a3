import "server-only";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { races, trainingPhases } from "~/server/db/schema";
import { groupBy } from "~/lib/group-by";
import { now } from "~/lib/clock";
import type { RacePriority } from "~/domain/training/season";

export const phaseColumns = {
  id: trainingPhases.id,
  athleteId: trainingPhases.athleteId,
  name: trainingPhases.name,
  startDate: trainingPhases.startDate,
  endDate: trainingPhases.endDate,
  settings: trainingPhases.settings,
};
export type PhaseRow = {
  id: string;
  athleteId: string;
  name: string;
  startDate: string;
  endDate: string;
  settings: unknown;
};

/** Several athletes' phases overlapping from .. to (inclusive), by athlete, earliest first. One query. */
export async function phasesBetween(
  tx: Tx,
  orgId: string,
  athleteIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, PhaseRow[]>> {
  if (athleteIds.length === 0) return new Map();
  const rows = await tx
    .select(phaseColumns)
    .from(trainingPhases)
    .where(
      and(
        eq(trainingPhases.orgId, orgId),
        inArray(trainingPhases.athleteId, [...athleteIds]),
        lte(trainingPhases.startDate, to),
        gte(trainingPhases.endDate, from),
      ),
    )
    .orderBy(asc(trainingPhases.startDate));
  return groupBy(rows, (r) => r.athleteId);
}

/** An athlete's whole season of phases, earliest first. */
export async function phasesOf(tx: Tx, orgId: string, athleteId: string): Promise<PhaseRow[]> {
  return tx
    .select(phaseColumns)
    .from(trainingPhases)
    .where(and(eq(trainingPhases.orgId, orgId), eq(trainingPhases.athleteId, athleteId)))
    .orderBy(asc(trainingPhases.startDate));
}

export async function findPhase(tx: Tx, orgId: string, phaseId: string): Promise<PhaseRow | null> {
  const [row] = await tx
    .select(phaseColumns)
    .from(trainingPhases)
    .where(and(eq(trainingPhases.orgId, orgId), eq(trainingPhases.id, phaseId)));
  return row ?? null;
}

export interface PhaseValues {
  name: string;
  startDate: string;
  endDate: string;
  settings: unknown;
}

/** Inserts a phase; overlapping another of the athlete's raises the database's exclusion violation. */
export async function insertPhase(tx: Tx, orgId: string, athleteId: string, values: PhaseValues) {
  const [row] = await tx
    .insert(trainingPhases)
    .values({ orgId, athleteId, ...values })
    .returning({ id: trainingPhases.id });
  return row!.id;
}

export async function updatePhase(tx: Tx, orgId: string, phaseId: string, values: PhaseValues) {
  await tx
    .update(trainingPhases)
    .set({ ...values, updatedAt: now() })
    .where(and(eq(trainingPhases.orgId, orgId), eq(trainingPhases.id, phaseId)));
}

export async function deletePhase(tx: Tx, orgId: string, phaseId: string) {
  await tx.delete(trainingPhases).where(and(eq(trainingPhases.orgId, orgId), eq(trainingPhases.id, phaseId)));
}

const raceColumns = {
  id: races.id,
  athleteId: races.athleteId,
  name: races.name,
  date: races.date,
  distanceM: races.distanceM,
  priority: races.priority,
  goalTimeS: races.goalTimeS,
  resultTimeS: races.resultTimeS,
  note: races.note,
};
export type RaceRow = {
  id: string;
  athleteId: string;
  name: string;
  date: string;
  distanceM: number;
  priority: RacePriority;
  goalTimeS: number | null;
  resultTimeS: number | null;
  note: string;
};

/** Several athletes' races from .. to (inclusive), by athlete, earliest first. One query. */
export async function racesOfAthletesBetween(
  tx: Tx,
  orgId: string,
  athleteIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, RaceRow[]>> {
  if (athleteIds.length === 0) return new Map();
  const rows = await tx
    .select(raceColumns)
    .from(races)
    .where(
      and(
        eq(races.orgId, orgId),
        inArray(races.athleteId, [...athleteIds]),
        gte(races.date, from),
        lte(races.date, to),
      ),
    )
    .orderBy(asc(races.date), asc(races.priority));
  return groupBy(rows, (r) => r.athleteId);
}

/** An athlete's races, earliest first. */
export async function racesOf(tx: Tx, orgId: string, athleteId: string): Promise<RaceRow[]> {
  return tx
    .select(raceColumns)
    .from(races)
    .where(and(eq(races.orgId, orgId), eq(races.athleteId, athleteId)))
    .orderBy(asc(races.date), asc(races.priority));
}

export async function findRace(tx: Tx, orgId: string, raceId: string): Promise<RaceRow | null> {
  const [row] = await tx
    .select(raceColumns)
    .from(races)
    .where(and(eq(races.orgId, orgId), eq(races.id, raceId)));
  return row ?? null;
}

export interface RaceValues {
  name: string;
  date: string;
  distanceM: number;
  priority: RacePriority;
  goalTimeS: number | null;
  resultTimeS: number | null;
  note: string;
}

export async function insertRace(tx: Tx, orgId: string, athleteId: string, values: RaceValues) {
  const [row] = await tx
    .insert(races)
    .values({ orgId, athleteId, ...values })
    .returning({ id: races.id });
  return row!.id;
}

export async function updateRace(tx: Tx, orgId: string, raceId: string, values: RaceValues) {
  await tx
    .update(races)
    .set({ ...values, updatedAt: now() })
    .where(and(eq(races.orgId, orgId), eq(races.id, raceId)));
}

export async function deleteRace(tx: Tx, orgId: string, raceId: string) {
  await tx.delete(races).where(and(eq(races.orgId, orgId), eq(races.id, raceId)));
}

/**
 * One athlete's races from .. to (inclusive), earliest first: what a calendar page shows. One query.
 */
export async function racesBetween(tx: Tx, orgId: string, athleteId: string, from: string, to: string) {
  return (await racesOfAthletesBetween(tx, orgId, [athleteId], from, to)).get(athleteId) ?? [];
}
