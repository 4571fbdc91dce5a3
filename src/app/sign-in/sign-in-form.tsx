"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { TextField } from "~/components/text-field";
import { loadAuthClient, preloadAuthClient } from "~/lib/auth-client";
import { safeReturnPath } from "~/lib/safe-return-path";

export function SignInForm({ returnTo, email }: { returnTo: string; email?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { signIn } = await loadAuthClient();
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      // A rate-limit refusal carries its own explanation; anything else stays deliberately vague.
      setError(
        result?.error?.startsWith("Too many") ? result.error : "That email and password do not match an account.",
      );
      return;
    }
    // Checked here too: this form must never navigate off the site, whoever renders it.
    router.replace(safeReturnPath(returnTo));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} onFocus={preloadAuthClient} className="mt-8 space-y-4" noValidate>
      <TextField label="Email" name="email" type="email" autoComplete="email" defaultValue={email} required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
