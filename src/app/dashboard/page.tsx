import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "~/server/auth/session";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { Welcome } from "./welcome";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  prefetch(trpc.me.get.queryOptions());
  return (
    <HydrateClient>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <span className="font-semibold">Runbalance</span>
          <nav aria-label="Account" className="flex items-center gap-4 text-sm">
            <span className="text-slate-600">{user.email}</span>
            <Link href="/sign-out" className="text-blue-700 underline-offset-2 hover:underline">
              Sign out
            </Link>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">
        <Welcome />
      </main>
    </HydrateClient>
  );
}
