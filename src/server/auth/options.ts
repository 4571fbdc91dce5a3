import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectUrl } from "~/lib/safe-return-path";
import { getDb } from "~/server/db";
import { endSession } from "~/server/data/accounts";
import { trustedProxyHops } from "~/server/env";
import { clientAddress } from "~/server/auth/client-address";
import { verifyCredentials } from "./credentials";

/**
 * Email + password sign-in. The cookie is a signed, encrypted JWT that carries the user id and the
 * secret of a session stored (hashed) in the database: every request checks the session there
 * (src/server/auth/session.ts), so signing out, "sign out everywhere" and a password change end it
 * at once, and a copied cookie stops working. The secret never leaves the cookie: the session object
 * next-auth shows the browser holds only the user.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (raw, req) => verifyCredentials(getDb(), raw, clientAddress(req.headers ?? {}, trustedProxyHops())),
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after signing in or out: only paths on this site.
    redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = (user as { sessionSecret?: string }).sessionSecret;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    // This browser's session only: other devices stay signed in ("sign out everywhere" ends those).
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(getDb(), token.sid);
    },
  },
};
