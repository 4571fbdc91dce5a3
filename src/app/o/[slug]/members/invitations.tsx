"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { errorMessage } from "~/lib/trpc-error";
import { useTRPC } from "~/trpc/react";

const ROLE_OPTIONS = [
  { value: "athlete", label: "Athlete" },
  { value: "coach", label: "Coach" },
  { value: "owner", label: "Owner" },
] as const;

export function Invitations({ orgSlug, canInviteStaff }: { orgSlug: string; canInviteStaff: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: invitations } = useSuspenseQuery(trpc.invitations.list.queryOptions({ orgSlug }));
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey({ orgSlug }) });

  const create = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: (_data, input) => {
        setStatus({ kind: "ok", text: `Invitation sent to ${input.email}.` });
        void refresh();
      },
      onError: (error) => setStatus({ kind: "error", text: errorMessage(error) }),
    }),
  );
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSuccess: () => void refresh() }));
  const resend = useMutation(
    trpc.invitations.resend.mutationOptions({
      onSuccess: () => {
        setStatus({ kind: "ok", text: "A new link was sent; the old one no longer works." });
        void refresh();
      },
    }),
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus(null);
    create.mutate({
      orgSlug,
      email: String(form.get("email") ?? ""),
      role: (String(form.get("role") ?? "athlete") as "athlete" | "coach" | "owner"),
    });
  }

  return (
    <section aria-labelledby="invite-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite someone
      </h2>
      <form onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-3" noValidate>
        <TextField label="Email address" name="email" type="email" required className="min-w-64 flex-1" autoComplete="off" />
        <SelectField label="Role" name="role" options={canInviteStaff ? ROLE_OPTIONS : ROLE_OPTIONS.slice(0, 1)} defaultValue="athlete" />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Sending…" : "Send invitation"}
        </Button>
      </form>
      <p role="status" aria-live="polite" className={`mt-2 min-h-5 text-sm ${status?.kind === "error" ? "text-red-700" : "text-green-800"}`}>
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
              <span className="text-slate-600">expires {new Date(invitation.expiresAt).toLocaleDateString()}</span>
              <span className="ml-auto flex gap-2">
                <Button variant="secondary" onClick={() => resend.mutate({ orgSlug, invitationId: invitation.id })} aria-label={`Resend invitation to ${invitation.email}`}>
                  Resend
                </Button>
                <Button variant="secondary" onClick={() => revoke.mutate({ orgSlug, invitationId: invitation.id })} aria-label={`Revoke invitation to ${invitation.email}`}>
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
