"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import {
  MAIL_KIND_LABELS,
  MAIL_KINDS,
  SCHEDULED_KINDS,
  type MailKind,
  type MailMode,
} from "~/domain/notifications/mail-preferences";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

const MODE_LABELS: Record<MailMode, string> = {
  immediately: "Right away",
  daily: "In the daily summary",
  never: "Never",
};

/** One choice per kind of mail; the digest, preview and summary are sent or not. */
export function MailPreferencesForm({ initial }: { initial: Record<MailKind, MailMode> }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useServerCall();
  return (
    <form
      id="mail"
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="mail-heading"
      onFocus={preloadTrpc}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const prefs = Object.fromEntries(MAIL_KINDS.map((k) => [k, String(form.get(k))]));
        save
          .call((trpc) => trpc.account.setMailPreferences.mutate(prefs as Record<MailKind, MailMode>))
          .then(
            () => {
              setStatus({ ok: true, text: "Saved." });
              router.refresh();
            },
            (e: unknown) => setStatus({ ok: false, text: errorMessage(e) }),
          );
      }}
    >
      <h2 id="mail-heading" className="text-lg font-semibold">
        Email
      </h2>
      <p className="text-sm text-slate-600">
        Everything also appears in your inbox in the app. Choose what reaches your email too.
      </p>
      {MAIL_KINDS.map((kind) => (
        <SelectField
          key={kind}
          label={MAIL_KIND_LABELS[kind]}
          name={kind}
          defaultValue={initial[kind]}
          options={(SCHEDULED_KINDS.includes(kind)
            ? (["immediately", "never"] as const)
            : (["immediately", "daily", "never"] as const)
          ).map((mode) => ({
            value: mode,
            label: SCHEDULED_KINDS.includes(kind) && mode === "immediately" ? "Send" : MODE_LABELS[mode],
          }))}
        />
      ))}
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm ${status?.ok ? "text-green-800" : "text-red-700"}`}
      >
        {status?.text}
      </p>
      <Button type="submit" disabled={save.pending}>
        Save email settings
      </Button>
    </form>
  );
}
