import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "~/server/auth/options";
import { tooLarge, withBodyWithin } from "~/server/http/request-body";
import { markWriteIn } from "~/server/http/write-marker";

const nextAuth = NextAuth(authOptions);

/** A sign-in form is a few hundred bytes; next-auth itself would read any body whole into memory. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const limited = await withBodyWithin(request, MAX_AUTH_BODY_BYTES);
  if (!limited) return tooLarge(request, { error: "Request too large" });
  const response: Response = await nextAuth(limited === request ? request : new NextRequest(limited), context);
  // Sessions, CSRF tokens and sign-in answers are personal: no cache may keep them.
  const headers = new Headers(response.headers);
  headers.set("cache-control", "no-store");
  // Signing in opens a session, signing out ends one: the next reads wait for the replica (ADR 023).
  if (request.method === "POST" && response.status < 400) await markWriteIn(headers);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export { handler as GET, handler as POST };
