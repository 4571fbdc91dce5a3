"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import type { RouterOutputs } from "../_shared/types";

const ROLE_OPTIONS = [
  { value: "athlete", label: "Athlete" },
  { value: "coach", label: "Coach" },
  { value: "owner", label: "Owner" },
] as const;

/** Sending, resending and revoking invitations; the open ones come from the server's data. */
export function Invitations({
  orgSlug,
  canInviteStaff,
  invitations,
  timeZone,
}: {
  orgSlug: string;
  canInviteStaff: boolean;
  invitations: RouterOutputs["invitations"]["list"];
  /** The viewer's: the server and the browser render the same date (not the machine's zone). */
  timeZone: string;
}) {
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const create = useServerCall();
  const server = useServerCall();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus(null);
    const input = {
      orgSlug,
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? "athlete") as "athlete" | "coach" | "owner",
    };
    create
      .call((trpc) => trpc.invitations.create.mutate(input))
      .then(
        () => {
          setStatus({ kind: "ok", text: `Invitation sent to ${input.email}.` });
          router.refresh();
        },
        (error: unknown) => setStatus({ kind: "error", text: errorMessage(error) }),
      );
  }

  const failed = (error: unknown) => setStatus({ kind: "error", text: errorMessage(error) });
  const resend = (invitationId: string) =>
    server
      .call((trpc) => trpc.invitations.resend.mutate({ orgSlug, invitationId }))
      .then(() => {
        setStatus({ kind: "ok", text: "A new link was sent; the old one no longer works." });
        router.refresh();
      }, failed);
  const revoke = (invitationId: string) =>
    server
      .call((trpc) => trpc.invitations.revoke.mutate({ orgSlug, invitationId }))
      .then(() => router.refresh(), failed);

  return (
    <section
      aria-labelledby="invite-heading"
      className="mt-6 rounded-lg border border-slate-200 bg-white p-4"
      onFocus={preloadTrpc}
      onPointerDown={preloadTrpc}
    >
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite someone
      </h2>
      <form onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-3" noValidate>
        <TextField
          label="Email address"
          name="email"
          type="email"
          required
          className="min-w-64 flex-1"
          autoComplete="off"
        />
        <SelectField
          label="Role"
          name="role"
          options={canInviteStaff ? ROLE_OPTIONS : ROLE_OPTIONS.slice(0, 1)}
          defaultValue="athlete"
        />
        <Button type="submit" disabled={create.pending}>
          {create.pending ? "Sending…" : "Send invitation"}
        </Button>
      </form>
      <p
        role="status"
        aria-live="polite"
        className={`mt-2 min-h-5 text-sm ${status?.kind === "error" ? "text-red-700" : "text-green-800"}`}
      >
        {status?.text}
      </p>

      <h3 className="mt-4 font-medium">Open invitations</h3>
      {invitations.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">None.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="font-medium">{invitation.email}</span>
              <span className="text-slate-600">{invitation.role}</span>
              <span className="text-slate-600">
                expires{" "}
                {new Date(invitation.expiresAt).toLocaleDateString("en-GB", {
                  day: "numeric",
                  month: "short",
                  year: "numeric",
                  timeZone,
                })}
              </span>
              <span className="ml-auto flex gap-2">
                <Button
                  variant="secondary"
                  onClick={() => void resend(invitation.id)}
                  aria-label={`Resend invitation to ${invitation.email}`}
                >
                  Resend
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => void revoke(invitation.id)}
                  aria-label={`Revoke invitation to ${invitation.email}`}
                >
                  Revoke
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
