import "server-only";
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { hashPassword } from "~/server/auth/password";
import { recordAudit } from "~/server/data/audit";
import { addMember, createOrganisation } from "~/server/data/organisations";
import { createUser, findUserByEmail } from "~/server/data/users";
import { setOrganisation } from "~/server/db/tenant";
import { slugify } from "~/lib/slugify";
import { createRouter, publicProcedure } from "../trpc";
import { emailSchema, nameSchema, newPasswordSchema } from "../schemas";

export const authRouter = createRouter({
  /** Creates an account and its organisation; the new user is the owner (and a coach). */
  signUp: publicProcedure
    .input(
      z
        .object({
          name: nameSchema,
          email: emailSchema,
          password: newPasswordSchema,
          organisationName: z.string().trim().min(2, "Give your club or business a name").max(80),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      if (ctx.user) throw new TRPCError({ code: "BAD_REQUEST", message: "You are already signed in." });
      if (await findUserByEmail(ctx.db, input.email)) {
        throw new TRPCError({
          code: "CONFLICT",
          message: "An account with this email already exists. Sign in instead.",
        });
      }
      const passwordHash = await hashPassword(input.password);
      return ctx.db.transaction(async (tx) => {
        const user = await createUser(tx, { email: input.email, name: input.name, passwordHash });
        const orgId = randomUUID();
        await setOrganisation(tx, orgId);
        const slug = await createOrganisation(tx, {
          id: orgId,
          name: input.organisationName,
          slug: slugify(input.organisationName),
        });
        await addMember(tx, { orgId, userId: user.id, role: "owner", displayName: input.name });
        await recordAudit(tx, {
          orgId,
          actorUserId: user.id,
          action: "organisation.created",
          subject: input.organisationName,
        });
        return { orgSlug: slug };
      });
    }),
});
