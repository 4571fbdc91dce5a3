import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "~/server/db";
import { findSessionAccount } from "~/server/data/accounts";
import type { SessionUser } from "~/server/data/users";
import { serverEnv } from "~/server/env";

/**
 * The signed-in user and their session's secret for this request, or null. The cookie only counts
 * while its session exists in the database (ended by signing out, "sign out everywhere" or a password
 * change). Cached per request. The secret is for the request's database context only
 * (withSession): it never goes into props or responses.
 */
export const getCurrentSession = cache(async (): Promise<{ user: SessionUser; secret: string } | null> => {
  const token = await getToken({
    req: { cookies: await cookies(), headers: await headers() } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: serverEnv().NEXTAUTH_SECRET,
  });
  const secret = typeof token?.sid === "string" ? token.sid : null;
  if (!secret) return null;
  const user = await findSessionAccount(getDb(), secret);
  return user ? { user, secret } : null;
});

/** The signed-in user for this request, or null. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => (await getCurrentSession())?.user ?? null);

/** For pages of the signed-in area: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
