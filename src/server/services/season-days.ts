import "server-only";
import { addDays } from "~/domain/rules";
import type { ExcusedDayReason } from "~/domain/training/excused-days";
import type { WellnessValues } from "~/domain/training/wellness";
import { zonedDate } from "~/lib/zoned-time";
import type { AthleteContext } from "~/server/data/athletes";
import { checkinsBetween, deleteExcusedDay, upsertCheckin, upsertExcusedDay } from "~/server/data/season-days";
import type { Tx } from "~/server/db/connection";
import { ServiceError } from "~/server/errors";

/** How far from today a day may be marked: a season back (illness remembered late) or ahead (travel). */
export const EXCUSE_WINDOW_DAYS = 366;

function ensureWithinWindow(date: string, today: string) {
  if (date < addDays(today, -EXCUSE_WINDOW_DAYS) || date > addDays(today, EXCUSE_WINDOW_DAYS))
    throw new ServiceError("BAD_REQUEST", "Pick a day within a year of today.", "date");
}

/**
 * Marks one of the athlete's days as excused (or changes its reason and note). The caller was checked
 * for "write" on the athlete (the athlete or their coaches). The week digests of that athlete are
 * invalidated by the table's trigger (drizzle/0013).
 */
export async function markExcusedDay(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  day: { date: string; reason: ExcusedDayReason; note: string },
  options: { now: Date; userId: string },
) {
  ensureWithinWindow(day.date, zonedDate(options.now, athlete.timeZone));
  await upsertExcusedDay(tx, orgId, {
    athleteId: athlete.athleteId,
    date: day.date,
    reason: day.reason,
    note: day.note,
    createdBy: options.userId,
  });
  return { date: day.date, reason: day.reason };
}

export async function unmarkExcusedDay(tx: Tx, orgId: string, athlete: AthleteContext, date: string) {
  const removed = await deleteExcusedDay(tx, orgId, athlete.athleteId, date);
  if (!removed) throw new ServiceError("NOT_FOUND", "That day is not marked as excused.", "date");
  return { date };
}

/** The athlete's check-in of today (in their time zone), if they made one. */
export async function todaysCheckin(tx: Tx, orgId: string, athlete: AthleteContext, options: { now: Date }) {
  const today = zonedDate(options.now, athlete.timeZone);
  const [checkin] = (await checkinsBetween(tx, orgId, [athlete.athleteId], today, today)).get(athlete.athleteId) ?? [];
  if (!checkin) return { today, checkin: null };
  const { athleteId: _, ...own } = checkin;
  return { today, checkin: own };
}

/** Saves today's check-in: a check-in can be changed on its own day only, so the day is always today. */
export async function saveCheckin(
  tx: Tx,
  orgId: string,
  athlete: AthleteContext,
  values: WellnessValues,
  options: { now: Date },
) {
  const today = zonedDate(options.now, athlete.timeZone);
  await upsertCheckin(tx, orgId, { ...values, athleteId: athlete.athleteId, date: today });
  return { date: today };
}
