"use client";

import { useRouter } from "next/navigation";
import { use, useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { draftsFromTemplate, templateFromDrafts, type SessionDraft } from "~/domain/training/week-plan";
import { errorMessage } from "~/lib/trpc-error";
import { useServerCall } from "~/trpc/on-demand";
import type { RouterOutputs } from "../../../../_shared/types";
import { newKey } from "./new-key";

export type Template = RouterOutputs["templates"]["list"][number];

/**
 * Start the week from a saved template, or save this week's structure as one. The list comes from
 * the server (streamed: it suspends until it arrives) and is rendered again once one is saved.
 */
export function TemplateTools({
  orgSlug,
  templates: templateList,
  drafts,
  onUse,
}: {
  orgSlug: string;
  templates: Promise<Template[]>;
  drafts: SessionDraft[];
  onUse: (drafts: SessionDraft[], name: string) => void;
}) {
  const router = useRouter();
  const templates = use(templateList);
  const [chosen, setChosen] = useState(templates[0]?.id ?? "");
  const [name, setName] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const create = useServerCall();
  const template = templates.find((t) => t.id === chosen) ?? templates[0];

  return (
    <>
      {templates.length > 0 && (
        <div className="flex flex-wrap items-end gap-2">
          <SelectField
            label="Template"
            value={template?.id ?? ""}
            onChange={(e) => setChosen(e.target.value)}
            options={templates.map((t) => ({ value: t.id, label: `${t.name} (${t.sessions.length} sessions)` }))}
          />
          <Button
            type="button"
            variant="secondary"
            onClick={() => template && onUse(draftsFromTemplate(template.sessions, newKey), template.name)}
          >
            Use template
          </Button>
        </div>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const sessions = templateFromDrafts(drafts).map((s) => ({
            ...s,
            distanceM: Number.isFinite(s.distanceM) ? s.distanceM : null,
          }));
          create
            .call((trpc) => trpc.templates.create.mutate({ orgSlug, name, sessions }))
            .then(
              (template) => {
                setStatus({ ok: true, text: `Saved as the template “${template.name}”.` });
                setName("");
                setChosen(template.id);
                router.refresh();
              },
              (e: unknown) => setStatus({ ok: false, text: errorMessage(e) }),
            );
        }}
      >
        <TextField
          label="Template name"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <Button
          type="submit"
          variant="secondary"
          disabled={create.pending || drafts.length === 0 || name.trim() === ""}
        >
          Save as template
        </Button>
      </form>
      <p role="status" className={`basis-full text-sm ${status?.ok ? "text-green-800" : "text-red-700"}`}>
        {status?.text}
      </p>
    </>
  );
}
