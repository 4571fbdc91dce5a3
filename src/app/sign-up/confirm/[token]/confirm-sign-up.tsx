"use client";

import { useState } from "react";
import { Button } from "~/components/button";
import { browserTimeZone } from "~/lib/browser-zone";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import { SignInForm } from "../../../sign-in/sign-in-form";

export function ConfirmSignUp({ token }: { token: string }) {
  const confirm = useServerCall();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; orgSlug: string } | null>(null);

  if (created) {
    return (
      <>
        <p role="status" className="mt-2 text-slate-700">
          Your account is ready. Sign in with the password you chose.
        </p>
        <SignInForm returnTo={`/o/${created.orgSlug}`} email={created.email} />
      </>
    );
  }
  return (
    <>
      <p className="mt-2 text-slate-700">Create your account and your club or coaching business.</p>
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <Button
        className="mt-6 w-full"
        disabled={confirm.pending}
        onFocus={preloadTrpc}
        onPointerDown={preloadTrpc}
        onClick={() =>
          void confirm
            .call((trpc) => trpc.auth.confirmSignUp.mutate({ token, timeZone: browserTimeZone() }))
            .then(setCreated, (e: unknown) => setError(errorMessage(e)))
        }
      >
        {confirm.pending ? "Creating…" : "Create my account"}
      </Button>
    </>
  );
}
