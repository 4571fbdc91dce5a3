"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { draftsFromTemplate, templateFromDrafts, type SessionDraft } from "~/domain/training/week-plan";
import { errorMessage } from "~/lib/trpc-error";
import { useTRPC } from "~/trpc/react";
import { newKey } from "./new-key";

/** Start the week from a saved template, or save this week's structure as one. */
export function TemplateTools({ orgSlug, drafts, onUse }: { orgSlug: string; drafts: SessionDraft[]; onUse: (drafts: SessionDraft[], name: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: templates } = useSuspenseQuery(trpc.templates.list.queryOptions({ orgSlug }));
  const [chosen, setChosen] = useState(templates[0]?.id ?? "");
  const [name, setName] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const create = useMutation(
    trpc.templates.create.mutationOptions({
      onSuccess: (template) => {
        setStatus({ ok: true, text: `Saved as the template “${template.name}”.` });
        setName("");
        setChosen(template.id);
        void queryClient.invalidateQueries({ queryKey: trpc.templates.list.queryKey({ orgSlug }) });
      },
      onError: (e) => setStatus({ ok: false, text: errorMessage(e) }),
    }),
  );
  const template = templates.find((t) => t.id === chosen) ?? templates[0];

  return (
    <>
      {templates.length > 0 && (
        <div className="flex flex-wrap items-end gap-2">
          <SelectField label="Template" value={template?.id ?? ""} onChange={(e) => setChosen(e.target.value)} options={templates.map((t) => ({ value: t.id, label: `${t.name} (${t.sessions.length} sessions)` }))} />
          <Button type="button" variant="secondary" onClick={() => template && onUse(draftsFromTemplate(template.sessions, newKey), template.name)}>
            Use template
          </Button>
        </div>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ orgSlug, name, sessions: templateFromDrafts(drafts).map((s) => ({ ...s, distanceM: Number.isFinite(s.distanceM) ? s.distanceM : null })) });
        }}
      >
        <TextField label="Template name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} required />
        <Button type="submit" variant="secondary" disabled={create.isPending || drafts.length === 0 || name.trim() === ""}>
          Save as template
        </Button>
      </form>
      <p role="status" className={`basis-full text-sm ${status?.ok ? "text-green-800" : "text-red-700"}`}>
        {status?.text}
      </p>
    </>
  );
}
