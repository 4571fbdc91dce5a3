import type { Metadata } from "next";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Sign out</h1>
      <p className="mt-2 text-sm text-slate-600">You will need your password to come back.</p>
      <SignOutButton />
    </main>
  );
}
