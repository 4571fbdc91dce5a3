import "server-only";
import { z } from "zod";
import { addDays, categoryOf, paceGuidance, SESSION_KINDS, type PaceGuidance } from "~/domain/rules";
import { listAthletes } from "~/server/data/athletes";
import { evaluateRecentWeeks, type AthleteWeeks } from "~/server/services/recent-weeks";
import { athleteFor } from "../access";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";
import { now } from "~/lib/clock";

function guidanceOf(athlete: AthleteWeeks["athlete"]): PaceGuidance | null {
  return athlete.raceDistanceM && athlete.raceTimeS ? paceGuidance(athlete.raceDistanceM, athlete.raceTimeS) : null;
}

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
    const [profile] = await listAthletes(ctx.tx, ctx.org.id, { athleteId: ref.athleteId });
    return {
      athleteName: week.athlete.displayName,
      coaches: profile?.coaches.map((c) => c.name) ?? [],
      today: week.today,
      weekStart,
      days,
      planned: week.planned.filter((p) => inWeek(p.date)),
      runs: week.runs.filter((r) => inWeek(r.localDate)).map((r) => ({ ...r, startedAt: r.startedAt.toISOString() })),
      evaluation,
      bands: week.settings.bands,
      effortBands: week.settings.effortBands,
      paces: guidanceOf(week.athlete),
      race: week.athlete.raceDistanceM
        ? { distanceM: week.athlete.raceDistanceM, timeS: week.athlete.raceTimeS! }
        : null,
    };
  }),

  /** Runs by week with each week's mix, newest first; optionally only one kind of run. */
  history: orgProcedure
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
      const weeks = recent.weekStarts
        .map((weekStart, i) => ({
          weekStart,
          evaluation: recent.evaluations[i]!,
          runs: recent.runs
            .filter((r) => r.localDate >= weekStart && r.localDate <= addDays(weekStart, 6))
            .filter((r) => !input.kind || r.kind === input.kind)
            .map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), category: categoryOf(r.kind) })),
        }))
        .filter((w) => own || w.runs.length > 0 || w.evaluation.flags.length > 0)
        .reverse();
      return { bands: recent.settings.bands, weeks };
    }),

  /** Past weeks' flags, newest first: the feed of feedback (coach comments come from comments.listForAthlete). */
  feedback: orgProcedure
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
      return recent.weekStarts.map((weekStart, i) => ({ weekStart, flags: recent.evaluations[i]!.flags })).reverse();
    }),
});
