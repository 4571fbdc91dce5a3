import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "~/server/auth/session";
import { SignUpForm } from "./sign-up-form";
import { forPage } from "~/server/http/page-outage";

export const metadata: Metadata = { title: "Create your club" };

export default async function SignUpPage() {
  if (await forPage(getCurrentUser)) redirect("/dashboard");
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Start coaching on Runbalance</h1>
      <p className="mt-1 text-sm text-slate-600">Create your account and your club or coaching business.</p>
      <SignUpForm />
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="text-blue-700 underline">
          Sign in
        </Link>
      </p>
    </main>
  );
}
