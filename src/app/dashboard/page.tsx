import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireUser } from "~/server/auth/session";
import { getQueryClient, trpc } from "~/trpc/server";
import { forPage } from "~/server/http/page-outage";

export const metadata: Metadata = { title: "Dashboard" };

/** After sign-in: straight into the user's (first) organisation. */
export default async function DashboardPage() {
  const user = await forPage(() => requireUser("/dashboard"));
  const orgs = await getQueryClient().fetchQuery(trpc.organisations.mine.queryOptions());
  if (orgs[0]) redirect(`/o/${orgs[0].slug}`);
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {user.name}</h1>
      <p className="mt-2 text-slate-700">
        You are not part of any organisation yet. Ask your coach for an invitation, or{" "}
        <Link href="/sign-out" className="text-blue-700 underline">
          sign out
        </Link>{" "}
        and create a club of your own.
      </p>
    </main>
  );
}
