"use client";

import { useState } from "react";
import { Button } from "~/components/button";
import { TextField } from "~/components/text-field";
import { errorMessage, fieldErrors } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

/**
 * Sign-up says the same for every address ("check your email"): the account is created from the
 * link in the mail, so the form never tells whether an address already has one.
 */
export function SignUpForm() {
  const signUp = useServerCall();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setFields({});
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      organisationName: String(form.get("organisationName") ?? ""),
    };
    try {
      const { email } = await signUp.call((trpc) => trpc.auth.signUp.mutate(input));
      setSentTo(email);
    } catch (e) {
      // A field's problem is said at that field; the rest (limits, outages) above the button.
      const byField = fieldErrors(e);
      setFields(byField);
      setError(Object.keys(byField).length ? null : errorMessage(e));
    }
  }

  if (sentTo) {
    return (
      <div role="status" className="mt-8 rounded-md bg-green-50 px-4 py-3 text-green-900">
        <h2 className="font-semibold">Check your email</h2>
        <p className="mt-1 text-sm">
          We sent a message to <strong>{sentTo}</strong>. Open the link in it to finish creating your account.
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} onFocus={preloadTrpc} className="mt-8 space-y-4" noValidate>
      <TextField label="Your name" name="name" autoComplete="name" required error={fields.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={fields.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, and not a common password."
        required
        error={fields.password}
      />
      <TextField
        label="Club or business name"
        name="organisationName"
        autoComplete="organization"
        required
        error={fields.organisationName}
      />
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <Button type="submit" disabled={signUp.pending} className="w-full">
        {signUp.pending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}
