import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { isValidTimeZone } from "~/lib/zoned-time";
import { hashPassword, MAX_PASSWORD_LENGTH, passwordProof } from "~/server/auth/password";
import { passwordWeakness } from "~/server/auth/password-policy";
import { beginPasswordChange, changePassword, endAllSessions } from "~/server/data/accounts";
import { updateProfile } from "~/server/data/users";
import { MAIL_KINDS, MAIL_MODES, mailModes } from "~/domain/notifications/mail-preferences";
import { findMailPreferences, saveMailPreferences } from "~/server/data/mail";
import { refuseField } from "~/server/errors";
import { createRouter, protectedProcedure } from "../trpc";
import { nameSchema, newPasswordSchema } from "../schemas";

export const profileSchema = z
  .object({
    name: nameSchema,
    units: z.enum(["km", "mi"]),
    timeZone: z.string().max(64).refine(isValidTimeZone, "Unknown time zone"),
    weekStartDay: z.number().int().min(0).max(6),
  })
  .strict();

const TOO_MANY_GUESSES = "Too many wrong passwords. Wait 15 minutes, then try again.";

/** Every kind of mail with its mode: immediately, in the daily summary, or never. */
export const mailPreferencesSchema = z
  .object(Object.fromEntries(MAIL_KINDS.map((k) => [k, z.enum(MAIL_MODES)])))
  .strict();

export const accountRouter = createRouter({
  /** Which mail the signed-in user gets for each kind of notification (defaults filled in). */
  mailPreferences: protectedProcedure.query(async ({ ctx }) =>
    mailModes(await findMailPreferences(ctx.tx, ctx.user.id)),
  ),

  setMailPreferences: protectedProcedure.input(mailPreferencesSchema).mutation(async ({ ctx, input }) => {
    await saveMailPreferences(ctx.tx, ctx.user.id, mailModes(input));
    return { ok: true };
  }),

  /** Display preferences the whole product uses: units, time zone and the day weeks start. */
  updateProfile: protectedProcedure.input(profileSchema).mutation(async ({ ctx, input }) => {
    await updateProfile(ctx.tx, ctx.user.id, input);
    return { ok: true };
  }),

  /**
   * Needs the current password, which the database checks and limits to 5 wrong guesses per 15
   * minutes (app.change_password, outside the request's transaction so a refusal still counts);
   * signs out every session, this one included (the caller signs in again).
   */
  changePassword: protectedProcedure
    .input(
      z
        .object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: newPasswordSchema })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const weakness = await passwordWeakness(input.newPassword, [ctx.user.email, ctx.user.name]);
      if (weakness) refuseField("newPassword", weakness);
      const started = await beginPasswordChange(ctx.db, ctx.sessionSecret);
      if (started.refused) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: TOO_MANY_GUESSES });
      const outcome = await changePassword(ctx.db, {
        sessionSecret: ctx.sessionSecret,
        proof: await passwordProof(started.passwordSettings, input.currentPassword),
        newHash: await hashPassword(input.newPassword),
        address: ctx.clientAddress,
      });
      if (outcome === "refused") throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: TOO_MANY_GUESSES });
      if (outcome === "invalid") {
        throw new TRPCError({ code: "BAD_REQUEST", message: "Your current password is not right." });
      }
      return { ok: true };
    }),

  signOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    await endAllSessions(ctx.tx);
    return { ok: true };
  }),
});
