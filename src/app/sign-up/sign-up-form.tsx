"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { TextField } from "~/components/text-field";
import { loadAuthClient, preloadAuthClient } from "~/lib/auth-client";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

export function SignUpForm() {
  const router = useRouter();
  const signUp = useServerCall();
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      organisationName: String(form.get("organisationName") ?? ""),
    };
    try {
      const { orgSlug } = await signUp.call((trpc) => trpc.auth.signUp.mutate(input));
      const { signIn } = await loadAuthClient();
      await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      router.replace(`/o/${orgSlug}`);
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      onFocus={() => {
        preloadTrpc();
        preloadAuthClient();
      }}
      className="mt-8 space-y-4"
      noValidate
    >
      <TextField label="Your name" name="name" autoComplete="name" required />
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        required
      />
      <TextField label="Club or business name" name="organisationName" autoComplete="organization" required />
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
