import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "~/server/db";
import { findSessionUser, type SessionUser } from "~/server/data/users";
import { authOptions } from "./options";

/**
 * The signed-in user for this request, or null. The session cookie is only trusted if the user still
 * exists and the session's version matches theirs (bumped on password change and "sign out
 * everywhere"). Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findSessionUser(getDb(), id);
  if (!user || user.sessionVersion !== session.user.sessionVersion) return null;
  return user;
});

/** For pages of the signed-in area: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
