import "server-only";
import { addDays, evaluateWeek, weekStartFor, type TrainingSettings } from "~/domain/rules";
import { digestWeek, isCurrentDigest, type WeekDigest } from "~/domain/training/roster";
import { HISTORY_DAYS, weekdayFromIndex, weekInputFor } from "~/domain/training/week-input";
import { zonedDate } from "~/lib/zoned-time";
import type { Tx } from "~/server/db/connection";
import { storeWeekDigests, type CachedWeekDigest, type NewWeekDigest } from "~/server/data/roster";
import { runsBetween } from "~/server/data/runs";
import { plannedBetween } from "~/server/data/weeks";
import { settingsForWeeks, type WeekSettingsOf } from "./week-settings";
import { excusedBetween } from "~/server/data/season-days";

/**
 * Where fresh digests are stored: in the read's own transaction (the default), or, for a read served
 * by a read-only replica, on the primary once the read is done (ADR 023). Digests carry the versions
 * they were computed from, so one made from a replica's slightly older rows never passes for current.
 */
export type CacheWriter = (write: (tx: Tx) => Promise<void>) => Promise<void> | void;

/** What digesting an athlete's weeks needs to know about them, with the digests already cached. */
export interface DigestSubject {
  athleteId: string;
  trainingSettings: unknown;
  /** Read before any training data, so a digest is never stored under a newer version than its data. */
  trainingVersion: number;
  joinedAt: Date;
  timeZone: string;
  weekStartDay: number;
  /** Cached digests computed from the current training versions (see data/roster.ts). */
  digests: readonly CachedWeekDigest[];
}

export interface AthleteWeekDigests {
  /** The settings judging the current week (the last one). */
  settings: TrainingSettings;
  /** The season phase judging the current week, if any. */
  phaseName: string | null;
  /** "Today" in the athlete's time zone. */
  today: string;
  /** Oldest first; the last one is the current week. */
  weeks: WeekDigest[];
}

/** The earliest week start any athlete's last `weekCount` weeks can have, whatever their time zone. */
export const digestsFrom = (now: Date, weekCount: number) =>
  addDays(now.toISOString().slice(0, 10), -(weekCount * 7 + 7));

/**
 * A cached digest still describes its week when nothing it was computed from changed (checked by
 * version in SQL) and, for a week that was in progress then, it is still the same day.
 */
export function isStillValid(stored: { asOf: string | null; weekStart: string }, today: string): boolean {
  const weekComplete = today > addDays(stored.weekStart, 6);
  return stored.asOf === null ? weekComplete : stored.asOf === today && !weekComplete;
}

/**
 * The digests of the last `weekCount` weeks (the current one included) of several athletes, each in
 * their own time zone and week start, published plans only. Cached digests are used where still
 * valid (the usual case: past weeks only change when their data does, the current week once a day;
 * a digest made by another version of digestWeek is never valid);
 * the rest are evaluated by the rules engine and stored for next time, in three queries whatever
 * the number of athletes.
 */
export async function recentWeekDigests(
  tx: Tx,
  org: { id: string; trainingSettings: unknown; trainingVersion: number },
  athletes: readonly DigestSubject[],
  options: { weekCount: number; now: Date; writeCache?: CacheWriter },
): Promise<Map<string, AthleteWeekDigests>> {
  // Phases judge weeks (ADR 016); changing one bumps the athlete's training version, so cached digests
  // judged by the old phase are no longer valid (drizzle 0013).
  const earliest = digestsFrom(options.now, options.weekCount);
  const settingsOf = await settingsForWeeks(tx, org, athletes, [
    earliest,
    addDays(options.now.toISOString().slice(0, 10), 8),
  ]);
  // Most athletes of a club share a time zone: one calendar lookup each.
  const todayIn = new Map<string, string>();
  const read = athletes.map((athlete) => {
    let today = todayIn.get(athlete.timeZone);
    if (!today) todayIn.set(athlete.timeZone, (today = zonedDate(options.now, athlete.timeZone)));
    const current = weekStartFor(today, weekdayFromIndex(athlete.weekStartDay));
    const weekStarts = Array.from({ length: options.weekCount }, (_, i) =>
      addDays(current, (i - options.weekCount + 1) * 7),
    );
    const cached = new Map(
      athlete.digests
        .filter((d) => isCurrentDigest(d.digest) && isStillValid(d, today))
        .map((d) => [d.weekStart, d.digest]),
    );
    return { athlete, current: settingsOf(athlete.athleteId, current), today, weekStarts, cached };
  });
  const missing = read.flatMap((r) =>
    r.weekStarts.filter((weekStart) => !r.cached.has(weekStart)).map((weekStart) => ({ ...r, weekStart })),
  );
  const computed =
    missing.length > 0
      ? await digestMissingWeeks(tx, org, missing, settingsOf, options.writeCache ?? ((write) => write(tx)))
      : new Map<string, WeekDigest>();
  return new Map(
    read.map(({ athlete, current, today, weekStarts, cached }) => [
      athlete.athleteId,
      {
        settings: current.settings,
        phaseName: current.phase?.name ?? null,
        today,
        weeks: weekStarts.map(
          (weekStart) => cached.get(weekStart) ?? computed.get(`${athlete.athleteId}/${weekStart}`)!,
        ),
      },
    ]),
  );
}

/**
 * Evaluates the missing weeks (three queries for any number), stores their digests (one) and returns
 * them by "athleteId/weekStart".
 */
async function digestMissingWeeks(
  tx: Tx,
  org: { id: string; trainingVersion: number },
  missing: Array<{ athlete: DigestSubject; today: string; weekStart: string }>,
  settingsOf: WeekSettingsOf,
  writeCache: CacheWriter,
): Promise<Map<string, WeekDigest>> {
  const ids = [...new Set(missing.map((m) => m.athlete.athleteId))];
  const starts = missing.map((m) => m.weekStart).sort();
  const from = addDays(starts[0]!, -HISTORY_DAYS);
  const to = addDays(starts[starts.length - 1]!, 6);
  const [runsByAthlete, plannedByAthlete, excusedByAthlete] = await Promise.all([
    runsBetween(tx, org.id, ids, from, to),
    plannedBetween(tx, org.id, ids, from, to, true),
    excusedBetween(tx, org.id, ids, from, to),
  ]);
  const stored = missing.map(({ athlete, today, weekStart }): NewWeekDigest => {
    const { settings } = settingsOf(athlete.athleteId, weekStart);
    const runs = runsByAthlete.get(athlete.athleteId) ?? [];
    const planned = plannedByAthlete.get(athlete.athleteId) ?? [];
    const excused = excusedByAthlete.get(athlete.athleteId) ?? [];
    const historyFrom = athlete.joinedAt.toISOString().slice(0, 10);
    const evaluation = evaluateWeek(
      weekInputFor({ weekStart, asOf: today, settings, runs, planned, historyFrom, excused }),
    );
    const inProgress = today <= addDays(weekStart, 6);
    return {
      athleteId: athlete.athleteId,
      weekStart,
      asOf: inProgress ? today : null,
      digest: digestWeek(evaluation, { runs, planned }),
      athleteVersion: athlete.trainingVersion,
      orgVersion: org.trainingVersion,
    };
  });
  await writeCache((writer) => storeWeekDigests(writer, org.id, stored));
  return new Map(stored.map((d) => [`${d.athleteId}/${d.weekStart}`, d.digest]));
}
