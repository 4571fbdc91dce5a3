import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { getQueryClient, trpc } from "~/trpc/server";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let preview;
  try {
    preview = await getQueryClient().fetchQuery(trpc.invitations.preview.queryOptions({ token }));
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    preview = null;
  }
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      {!preview ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">This invitation link is not valid</h1>
          <p className="mt-2 text-slate-600">Check that you opened the whole link, or ask for a new invitation.</p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">Join {preview.organisationName}</h1>
          <p className="mt-2 text-slate-700">
            You are invited as {preview.role === "athlete" ? "an athlete" : `a ${preview.role}`} with the address{" "}
            <strong>{preview.email}</strong>.
          </p>
          {preview.problem ? (
            <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
              {preview.problem}
            </p>
          ) : preview.signedInAs && preview.signedInAs !== preview.email ? (
            <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
              You are signed in as {preview.signedInAs}.{" "}
              <Link href="/sign-out" className="underline">
                Sign out
              </Link>
              , then open the link again.
            </p>
          ) : preview.signedInAs ? (
            <AcceptInvitation token={token} email={preview.email} needsAccount={false} />
          ) : (
            // Whether the address has an account is not revealed here: both ways are offered.
            <>
              <p className="mt-4">
                Already have an account?{" "}
                <Link
                  href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
                  className="text-blue-700 underline"
                >
                  Sign in as {preview.email}
                </Link>{" "}
                to accept.
              </p>
              <h2 className="mt-6 text-lg font-semibold">New to Runbalance? Create your account</h2>
              <AcceptInvitation token={token} email={preview.email} needsAccount />
            </>
          )}
        </>
      )}
    </main>
  );
}
