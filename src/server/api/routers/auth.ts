import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { hashPassword } from "~/server/auth/password";
import { passwordWeakness } from "~/server/auth/password-policy";
import { confirmSignUp, requestSignUp } from "~/server/data/accounts";
import { recordAudit } from "~/server/data/audit";
import { addMember, createOrganisation } from "~/server/data/organisations";
import { setTimeZone } from "~/server/data/users";
import { withSession } from "~/server/db/tenant";
import { appUrl } from "~/server/env";
import { sendAccountMail } from "~/server/mail/send-mail";
import { slugify } from "~/lib/slugify";
import { refuseField } from "~/server/errors";
import { createRouter, publicProcedure } from "../trpc";
import { browserTimeZoneSchema, emailSchema, nameSchema, newPasswordSchema } from "../schemas";

const signUpTokenSchema = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{64}$/, "Not a valid confirmation link");

export const authRouter = createRouter({
  /**
   * Starts creating an account and its organisation. The answer is the same whether or not the email
   * already has an account: a new address gets a link that creates the account (confirmSignUp), an
   * existing one a note that it already has one. Both paths hash the password and send one mail, so
   * they also take as long. Limited per client address and per email (app.request_sign_up).
   */
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
      const weakness = await passwordWeakness(input.password, [input.email, input.name]);
      if (weakness) refuseField("password", weakness);
      const passwordHash = await hashPassword(input.password);
      const request = await requestSignUp(ctx.db, { ...input, passwordHash, address: ctx.clientAddress });
      if (request.outcome === "refused") {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: "Too many sign-ups from here or for this address lately. Try again in an hour.",
        });
      }
      await sendAccountMail(
        request.outcome === "new"
          ? {
              to: input.email,
              subject: "Confirm your Runbalance account",
              text: [
                `Hello ${input.name},`,
                "",
                `To create your Runbalance account and ${input.organisationName}, open this link:`,
                `${appUrl()}/sign-up/confirm/${request.token}`,
                "",
                "The link works once, within 24 hours. If you did not sign up, ignore this email.",
              ].join("\n"),
            }
          : {
              to: input.email,
              subject: "You already have a Runbalance account",
              text: [
                "Someone, probably you, tried to create a Runbalance account with this address, which already has one.",
                "",
                `Sign in instead: ${appUrl()}/sign-in`,
                "",
                "If it was not you, you can ignore this email: nothing has changed.",
              ].join("\n"),
            },
      );
      return { email: input.email };
    }),

  /** The link from the sign-up mail: creates the account and its organisation, with the account as owner. */
  confirmSignUp: publicProcedure
    .input(z.object({ token: signUpTokenSchema, timeZone: browserTimeZoneSchema }).strict())
    .mutation(({ ctx, input }) =>
      withSession(ctx.db, null, async (tx) => {
        const account = await confirmSignUp(tx, input.token);
        if (!account) {
          throw new TRPCError({
            code: "NOT_FOUND",
            message: "This link is not valid any more. If you already used it, sign in; otherwise sign up again.",
          });
        }
        // The account starts in the zone of the browser that created it (the context is its user now).
        if (input.timeZone) await setTimeZone(tx, account.userId, input.timeZone);
        const slug = await createOrganisation(tx, {
          id: account.orgId,
          name: account.organisationName,
          slug: slugify(account.organisationName),
        });
        await addMember(tx, { orgId: account.orgId, userId: account.userId, role: "owner", displayName: account.name });
        await recordAudit(tx, {
          orgId: account.orgId,
          actorUserId: account.userId,
          action: "organisation.created",
          subject: account.organisationName,
        });
        return { email: account.email, orgSlug: slug };
      }),
    ),
});
