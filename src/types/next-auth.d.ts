import "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The session's secret (src/server/auth/options.ts); stays in the encrypted cookie. */
    sid?: string;
  }
}
