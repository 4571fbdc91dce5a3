import "server-only";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Tx } from "~/server/db/connection";
import { excusedDays, wellnessCheckins } from "~/server/db/schema";
import { excluded } from "~/server/db/upsert";
import type { ExcusedDayReason } from "~/domain/training/excused-days";
import type { WellnessValues } from "~/domain/training/wellness";
import { groupBy } from "~/lib/group-by";
import { now } from "~/lib/clock";

export const excusedColumns = {
  athleteId: excusedDays.athleteId,
  date: excusedDays.date,
  reason: excusedDays.reason,
  note: excusedDays.note,
};
export type ExcusedDayRecord = { athleteId: string; date: string; reason: ExcusedDayReason; note: string };

/** Excused days of several athletes between two dates (inclusive), by athlete, oldest first. */
export async function excusedBetween(
  tx: Tx,
  orgId: string,
  athleteIds: string[],
  from: string,
  to: string,
): Promise<Map<string, ExcusedDayRecord[]>> {
  const rows = athleteIds.length
    ? await tx
        .select(excusedColumns)
        .from(excusedDays)
        .where(
          and(
            eq(excusedDays.orgId, orgId),
            inArray(excusedDays.athleteId, athleteIds),
            gte(excusedDays.date, from),
            lte(excusedDays.date, to),
          ),
        )
        .orderBy(asc(excusedDays.date))
    : [];
  return groupBy(rows, (r) => r.athleteId);
}

/** Marks a day excused, or changes its reason and note (one per athlete and day). */
export async function upsertExcusedDay(
  tx: Tx,
  orgId: string,
  day: { athleteId: string; date: string; reason: ExcusedDayReason; note: string; createdBy: string },
) {
  await tx
    .insert(excusedDays)
    .values({ orgId, ...day, createdAt: now() })
    .onConflictDoUpdate({
      target: [excusedDays.orgId, excusedDays.athleteId, excusedDays.date],
      set: excluded(excusedDays, ["reason", "note"]),
    });
}

/** Whether a day was excused (and is no more). */
export async function deleteExcusedDay(tx: Tx, orgId: string, athleteId: string, date: string) {
  const deleted = await tx
    .delete(excusedDays)
    .where(and(eq(excusedDays.orgId, orgId), eq(excusedDays.athleteId, athleteId), eq(excusedDays.date, date)))
    .returning({ date: excusedDays.date });
  return deleted.length > 0;
}

const checkinColumns = {
  athleteId: wellnessCheckins.athleteId,
  date: wellnessCheckins.date,
  sleep: wellnessCheckins.sleep,
  soreness: wellnessCheckins.soreness,
  stress: wellnessCheckins.stress,
  mood: wellnessCheckins.mood,
  restingHr: wellnessCheckins.restingHr,
  note: wellnessCheckins.note,
};

/** Check-ins of several athletes between two dates (inclusive), by athlete, oldest first. */
export async function checkinsBetween(tx: Tx, orgId: string, athleteIds: string[], from: string, to: string) {
  const rows = athleteIds.length
    ? await tx
        .select(checkinColumns)
        .from(wellnessCheckins)
        .where(
          and(
            eq(wellnessCheckins.orgId, orgId),
            inArray(wellnessCheckins.athleteId, athleteIds),
            gte(wellnessCheckins.date, from),
            lte(wellnessCheckins.date, to),
          ),
        )
        .orderBy(asc(wellnessCheckins.date))
    : [];
  return groupBy(rows, (r) => r.athleteId);
}

/** Saves the athlete's check-in for a day, replacing one saved earlier that day. */
export async function upsertCheckin(
  tx: Tx,
  orgId: string,
  checkin: WellnessValues & { athleteId: string; date: string },
) {
  const stamp = now();
  await tx
    .insert(wellnessCheckins)
    .values({ orgId, ...checkin, createdAt: stamp, updatedAt: stamp })
    .onConflictDoUpdate({
      target: [wellnessCheckins.orgId, wellnessCheckins.athleteId, wellnessCheckins.date],
      set: excluded(wellnessCheckins, ["sleep", "soreness", "stress", "mood", "restingHr", "note", "updatedAt"]),
    });
}
