import "server-only";
import { can } from "~/domain/authz/policy";
import { phaseFieldsSchema, raceFieldsSchema } from "~/domain/training/season-inputs";
import { ServiceError } from "~/server/errors";
import {
  phaseById,
  raceById,
  removePhase,
  removeRace,
  savePhase,
  saveRace,
  seasonOf,
  useRaceForPaces,
} from "~/server/services/season";
import { athleteFor } from "../access";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";

/**
 * An athlete's season (ADR 016): phases, which their coaches lay out, and races, which the athlete
 * and their coaches add. The athlete sees both.
 */
export const seasonRouter = createRouter({
  get: orgProcedure.input(orgInput({ athleteId: idSchema.optional() })).query(async ({ ctx, input }) => {
    const athlete = await athleteFor(ctx, input.athleteId, "view");
    return {
      ...(await seasonOf(ctx.tx, ctx.org, athlete)),
      canEditPhases: can(ctx.actor, { type: "athlete.coach", athlete }),
      canEditRaces: can(ctx.actor, { type: "run.write", athlete }),
    };
  }),

  /** Adds a phase (phaseId null) or changes one; its coaches only. */
  savePhase: orgProcedure
    .input(orgInput({ athleteId: idSchema, phaseId: idSchema.nullable(), phase: phaseFieldsSchema }))
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "coach");
      return savePhase(ctx.tx, ctx.org, athlete, input.phaseId, input.phase);
    }),

  deletePhase: orgProcedure.input(orgInput({ phaseId: idSchema })).mutation(async ({ ctx, input }) => {
    const phase = await phaseById(ctx.tx, ctx.org.id, input.phaseId);
    await athleteFor(ctx, phase.athleteId, "coach");
    await removePhase(ctx.tx, ctx.org.id, phase.id);
    return { ok: true };
  }),

  /** Adds a race (raceId null) or changes one: the athlete themself or their coaches. */
  saveRace: orgProcedure
    .input(orgInput({ athleteId: idSchema.optional(), raceId: idSchema.nullable(), race: raceFieldsSchema }))
    .mutation(async ({ ctx, input }) => {
      const athlete = await athleteFor(ctx, input.athleteId, "write");
      if (input.raceId !== null) {
        const race = await raceById(ctx.tx, ctx.org.id, input.raceId);
        if (race.athleteId !== athlete.athleteId) throw new ServiceError("NOT_FOUND", "No such race.");
      }
      return saveRace(ctx.tx, ctx.org.id, athlete, input.raceId, input.race);
    }),

  deleteRace: orgProcedure.input(orgInput({ raceId: idSchema })).mutation(async ({ ctx, input }) => {
    const race = await raceById(ctx.tx, ctx.org.id, input.raceId);
    await athleteFor(ctx, race.athleteId, "write");
    await removeRace(ctx.tx, ctx.org.id, race.id);
    return { ok: true };
  }),

  /** Makes a race's result the athlete's race for paces, once the person confirmed old → new VDOT. */
  useRaceForPaces: orgProcedure.input(orgInput({ raceId: idSchema })).mutation(async ({ ctx, input }) => {
    const race = await raceById(ctx.tx, ctx.org.id, input.raceId);
    const athlete = await athleteFor(ctx, race.athleteId, "write");
    return useRaceForPaces(ctx.tx, ctx.org.id, athlete, race.id);
  }),
});
