import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "~/server/auth/session";
import { safeReturnPath } from "~/lib/safe-return-path";
import { SignInForm } from "./sign-in-form";
import { forPage } from "~/server/http/page-outage";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await forPage(getCurrentUser)) redirect(returnTo);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Runbalance</h1>
      <p className="mt-1 text-sm text-slate-600">Easy days easy, hard days hard.</p>
      <SignInForm returnTo={returnTo} />
      <p className="mt-6 text-sm text-slate-600">
        New coach?{" "}
        <Link href="/sign-up" className="text-blue-700 underline">
          Create your club
        </Link>
      </p>
    </main>
  );
}
