import "server-only";
import { z } from "zod";
import { can } from "~/domain/authz/policy";
import {
  addDays,
  categoryOf,
  paceGuidance,
  SESSION_KINDS,
  type PaceGuidance,
  type WeekEvaluation,
} from "~/domain/rules";
import { flagsForReader, type FlagAudienceReader } from "~/domain/training/reader-flags";
import { recordStart, weekReaches, weekTotals } from "~/domain/training/week-totals";
import { listAthletes } from "~/server/data/athletes";
import type { AthleteContext } from "~/server/data/athletes";
import { evaluateRecentWeeks, type AthleteWeeks } from "~/server/services/recent-weeks";
import { isWeekPublished, UPCOMING_WEEKS_AHEAD, upcomingWeeks } from "~/server/services/week-plans";
import { athleteFor, type OrgScope } from "../access";
import { athleteProcedure, createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";
import { readWorkoutStructure } from "~/domain/training/workout-schema";

function guidanceOf(athlete: AthleteWeeks["athlete"]): PaceGuidance | null {
  return athlete.raceDistanceM && athlete.raceTimeS ? paceGuidance(athlete.raceDistanceM, athlete.raceTimeS) : null;
}

/**
 * Who reads an athlete's flags: their coaches (and owners) read every flag; the athlete and anyone
 * else who may see the week never receive the plan's flags, which are for the coach alone.
 */
function readerOf(ctx: OrgScope, athlete: AthleteContext): FlagAudienceReader {
  return can(ctx.actor, { type: "athlete.coach", athlete }) ? "coach" : "athlete";
}

/** An evaluation as its reader may have it: their flags only, warnings first. */
function forReader(evaluation: WeekEvaluation, reader: FlagAudienceReader): WeekEvaluation {
  return { ...evaluation, flags: flagsForReader(evaluation.flags, reader) };
}

/** The day the athlete joined, in their own calendar (close enough in UTC: weeks are what count). */
const joinedOn = (athlete: AthleteContext) => athlete.joinedAt.toISOString().slice(0, 10);

/**
 * An athlete's weeks as the rules engine reads them, for the athlete (their own, by default) and
 * their coaches: this week, the history of past weeks, and the feedback of each.
 */
export const athleteWeeksRouter = createRouter({
  /** The athlete's current week: the published plan day by day, what is done, what is next, the mix so far. */
  thisWeek: orgProcedure.input(orgInput({ athleteId: idSchema.optional() })).query(async ({ ctx, input }) => {
    const ref = await athleteFor(ctx, input.athleteId, "view");
    const weeks = await evaluateRecentWeeks(ctx.tx, ctx.org, [ref.athleteId], {
      weekCount: 1,
      now: now(),
      publishedOnly: true,
    });
    const week = weeks.get(ref.athleteId)!;
    const weekStart = week.weekStarts[0]!;
    const evaluation = week.evaluations[0]!;
    const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
    const inWeek = (date: string) => date >= weekStart && date <= days[6]!;
    const [[profile], published] = await Promise.all([
      listAthletes(ctx.tx, ctx.org.id, { athleteId: ref.athleteId }),
      isWeekPublished(ctx.tx, ctx.org.id, ref.athleteId, weekStart),
    ]);
    const runs = week.runs.filter((r) => inWeek(r.localDate));
    return {
      athleteName: week.athlete.displayName,
      coaches: profile?.coaches.map((c) => c.name) ?? [],
      today: week.today,
      weekStart,
      nextWeekStart: addDays(weekStart, 7),
      days,
      /** Has the coach published this week? Unpublished (none or a draft) reads the same to the athlete. */
      published,
      planned: week.planned
        .filter((p) => inWeek(p.date))
        .map((p) => ({ ...p, structure: readWorkoutStructure(p.structure) })),
      /** Days the athlete could not train: their planned sessions read "Excused: ill", not "missed". */
      excused: week.excused.filter((e) => inWeek(e.date)).map(({ date, reason, note }) => ({ date, reason, note })),
      runs: runs.map((r) => ({ ...r, startedAt: r.startedAt.toISOString() })),
      totals: weekTotals(runs),
      evaluation: forReader(evaluation, readerOf(ctx, ref)),
      bands: week.settings.bands,
      effortBands: week.settings.effortBands,
      paces: guidanceOf(week.athlete),
      race: week.athlete.raceDistanceM
        ? { distanceM: week.athlete.raceDistanceM, timeS: week.athlete.raceTimeS! }
        : null,
    };
  }),

  /**
   * Runs by week with each week's mix, totals and load, newest first, from the week the athlete's
   * record starts (joining or their first run, whichever is earlier); optionally only one kind of run.
   */
  history: orgProcedure
    .meta({ reads: "replica" })
    .input(
      orgInput({
        athleteId: idSchema.optional(),
        kind: z.enum(SESSION_KINDS).optional(),
        weeks: z.number().int().min(1).max(104).default(26),
      }),
    )
    .query(async ({ ctx, input }) => {
      const ref = await athleteFor(ctx, input.athleteId, "view");
      const recent = (
        await evaluateRecentWeeks(ctx.tx, ctx.org, [ref.athleteId], {
          weekCount: input.weeks,
          now: now(),
          publishedOnly: true,
        })
      ).get(ref.athleteId)!;
      const own = ctx.actor.athleteId === ref.athleteId;
      const reader = readerOf(ctx, ref);
      const start = recordStart(
        joinedOn(recent.athlete),
        recent.runs.map((r) => r.localDate),
      );
      const current = recent.weekStarts[recent.weekStarts.length - 1];
      const weeks = recent.weekStarts
        .map((weekStart, i) => {
          const runs = recent.runs.filter(
            (r) =>
              r.localDate >= weekStart &&
              r.localDate <= addDays(weekStart, 6) &&
              (!input.kind || r.kind === input.kind),
          );
          const evaluation = forReader(recent.evaluations[i]!, reader);
          return {
            weekStart,
            /** The current week is still going: its numbers are so far. */
            partial: weekStart === current,
            evaluation,
            /** Of the runs shown (one kind's, when asked). */
            totals: weekTotals(runs),
            /** The whole week's sRPE load (RPE × min). */
            load: evaluation.actual.load.weekly,
            runs: runs.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), category: categoryOf(r.kind) })),
          };
        })
        .filter((w) => weekReaches(w.weekStart, start))
        .filter((w) => own || w.runs.length > 0 || w.evaluation.flags.length > 0)
        .reverse();
      return { bands: recent.settings.bands, paces: guidanceOf(recent.athlete), since: start, weeks };
    }),

  /**
   * Past weeks' flags for the athlete, newest first, from the week their record starts (coach
   * comments come from comments.listForAthlete). The plan's flags are the coach's: never sent here.
   */
  feedback: orgProcedure
    .meta({ reads: "replica" })
    .input(orgInput({ weeks: z.number().int().min(1).max(52).default(8) }))
    .query(async ({ ctx, input }) => {
      const ref = await athleteFor(ctx, undefined, "view");
      const recent = (
        await evaluateRecentWeeks(ctx.tx, ctx.org, [ref.athleteId], {
          weekCount: input.weeks,
          now: now(),
          publishedOnly: true,
        })
      ).get(ref.athleteId)!;
      const start = recordStart(
        joinedOn(recent.athlete),
        recent.runs.map((r) => r.localDate),
      );
      return recent.weekStarts
        .map((weekStart, i) => ({ weekStart, flags: flagsForReader(recent.evaluations[i]!.flags, "athlete") }))
        .filter((w) => weekReaches(w.weekStart, start))
        .reverse();
    }),

  /**
   * The signed-in athlete's plan ahead: this week and the next weeks, each published (with its
   * sessions) or not yet; a coach's draft reads as not published.
   */
  upcoming: athleteProcedure
    .input(orgInput({ weeks: z.number().int().min(4).max(12).default(UPCOMING_WEEKS_AHEAD) }))
    .query(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, ctx.athleteId, "view");
      return upcomingWeeks(ctx.tx, ctx.org, athlete, { now: now(), ahead: input.weeks });
    }),
});
