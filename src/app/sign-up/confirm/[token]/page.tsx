import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "~/server/auth/session";
import { ConfirmSignUp } from "./confirm-sign-up";
import { forPage } from "~/server/http/page-outage";

export const metadata: Metadata = { title: "Confirm your account" };

/** The link from the sign-up mail. Opening it changes nothing: the account is created on the button's POST. */
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  if (await forPage(getCurrentUser)) redirect("/dashboard");
  const { token } = await params;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Finish creating your account</h1>
      <ConfirmSignUp token={token} />
    </main>
  );
}
