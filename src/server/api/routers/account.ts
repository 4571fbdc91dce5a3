import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { isValidTimeZone } from "~/lib/zoned-time";
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from "~/server/auth/password";
import { findPasswordHash, replacePassword, revokeSessions, updateProfile } from "~/server/data/users";
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

export const accountRouter = createRouter({
  /** Display preferences the whole product uses: units, time zone and the day weeks start. */
  updateProfile: protectedProcedure.input(profileSchema).mutation(async ({ ctx, input }) => {
    await updateProfile(ctx.tx, ctx.user.id, input);
    return { ok: true };
  }),

  /** Needs the current password; signs out every other session (the caller signs in again). */
  changePassword: protectedProcedure
    .input(
      z
        .object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: newPasswordSchema })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const hash = await findPasswordHash(ctx.tx, ctx.user.id);
      if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "Your current password is not right." });
      }
      await replacePassword(ctx.tx, ctx.user.id, await hashPassword(input.newPassword));
      return { ok: true };
    }),

  signOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    await revokeSessions(ctx.tx, ctx.user.id);
    return { ok: true };
  }),
});
