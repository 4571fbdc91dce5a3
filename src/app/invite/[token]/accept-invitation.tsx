"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { TextField } from "~/components/text-field";
import { loadAuthClient, preloadAuthClient } from "~/lib/auth-client";
import { browserTimeZone } from "~/lib/browser-zone";
import { errorMessage, fieldErrors } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

export function AcceptInvitation({
  token,
  email,
  needsAccount,
}: {
  token: string;
  email: string;
  needsAccount: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const accept = useServerCall();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setFields({});
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    try {
      // A new account starts in this browser's time zone.
      const input = needsAccount
        ? { token, name: String(form.get("name") ?? ""), password, timeZone: browserTimeZone() }
        : { token };
      const result = await accept.call((trpc) => trpc.invitations.accept.mutate(input));
      if (needsAccount) await (await loadAuthClient()).signIn("credentials", { email, password, redirect: false });
      router.replace(`/o/${result.orgSlug}`);
      router.refresh();
    } catch (e) {
      const byField = fieldErrors(e);
      setFields(byField);
      setError(byField.name || byField.password ? null : errorMessage(e));
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      onFocus={() => {
        preloadTrpc();
        preloadAuthClient();
      }}
      className="mt-6 space-y-4"
      noValidate
    >
      {needsAccount && (
        <>
          <TextField label="Your name" name="name" autoComplete="name" required error={fields.name} />
          <TextField
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters, and not a common password."
            required
            error={fields.password}
          />
        </>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <Button type="submit" disabled={accept.pending} className="w-full">
        {accept.pending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}
