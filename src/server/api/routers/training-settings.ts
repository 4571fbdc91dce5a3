import "server-only";
import { TRPCError } from "@trpc/server";
import { can } from "~/domain/authz/policy";
import { editableOverrideSchema, settingsProblem } from "~/domain/training/settings-form";
import { athleteSettingsOverrides, updateAthleteTrainingSettings } from "~/server/data/athletes";
import { updateOrgTrainingSettings } from "~/server/data/organisations";
import { settingsFor } from "~/server/services/recent-weeks";
import { athleteFor } from "../access";
import { coachingProcedure, createRouter, orgInput, orgProcedure, orgProcedureFor } from "../trpc";
import { idSchema } from "../schemas";

const invalid = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

export const trainingSettingsRouter = createRouter({
  /** The organisation's default training settings, as stored and as resolved (coaches and owners). */
  org: coachingProcedure.query(({ ctx }) => {
    return {
      override: ctx.org.trainingSettings,
      resolved: settingsFor(ctx.org.trainingSettings, undefined),
      canEdit: can(ctx.actor, { type: "organisation.editTrainingDefaults" }),
    };
  }),

  /** An athlete's own override (only what differs from the organisation's defaults); {} resets it. */
  updateAthlete: orgProcedure
    .input(orgInput({ athleteId: idSchema, override: editableOverrideSchema }))
    .mutation(async ({ ctx, input }) => {
      const ref = await athleteFor(ctx, input.athleteId, "coach");
      const problem = settingsProblem(ctx.org.trainingSettings, input.override);
      if (problem) throw invalid(problem);
      await updateAthleteTrainingSettings(ctx.tx, ctx.org.id, ref.athleteId, input.override);
      return { ok: true };
    }),

  /**
   * The organisation's defaults (owners: they run the organisation, as they manage its members). Refused
   * when it would leave an athlete's own override invalid on top of it.
   */
  updateOrg: orgProcedureFor(
    { type: "organisation.editTrainingDefaults" },
    "Only owners can change the organisation's defaults.",
  )
    .input(orgInput({ override: editableOverrideSchema }))
    .mutation(async ({ ctx, input }) => {
      const problem = settingsProblem(input.override);
      if (problem) throw invalid(problem);
      for (const athlete of await athleteSettingsOverrides(ctx.tx, ctx.org.id)) {
        const clash = settingsProblem(input.override, athlete.trainingSettings);
        if (clash)
          throw invalid(
            `With these defaults, ${athlete.displayName}'s own settings would no longer hold (${clash}). Change theirs first.`,
          );
      }
      await updateOrgTrainingSettings(ctx.tx, ctx.org.id, input.override);
      return { ok: true };
    }),
});
