"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

export interface CommentTarget {
  value: string;
  label: string;
}

export type CommentAbout = { runId: string } | { weekStart: string };

/** "week:2026-11-23" or "run:<id>" as the procedure's input. */
function aboutOf(value: string): CommentAbout {
  const [type, key] = value.split(":", 2) as [string, string];
  return type === "run" ? { runId: key } : { weekStart: key };
}

const valueOf = (about: CommentAbout) => ("runId" in about ? `run:${about.runId}` : `week:${about.weekStart}`);

/**
 * A new comment or a reply: about a fixed run or week (`about`), or one the writer picks from
 * `targets`. Once posted, the page renders its threads again with it (router.refresh).
 */
export function CommentForm({
  orgSlug,
  athleteId,
  about,
  targets = [],
  label = "Comment",
  submitLabel = "Post comment",
  sentText = "Comment posted.",
}: {
  orgSlug: string;
  athleteId: string;
  about?: CommentAbout;
  targets?: CommentTarget[];
  label?: string;
  submitLabel?: string;
  sentText?: string;
}) {
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState("");
  const [target, setTarget] = useState(about ? valueOf(about) : (targets[0]?.value ?? ""));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const create = useServerCall();
  return (
    <form
      className="mt-3 space-y-2"
      onFocus={preloadTrpc}
      onSubmit={(event) => {
        event.preventDefault();
        create
          .call((trpc) => trpc.comments.create.mutate({ orgSlug, athleteId, body, ...aboutOf(target) }))
          .then(
            () => {
              setBody("");
              setStatus({ ok: true, text: sentText });
              router.refresh();
            },
            (e: unknown) => setStatus({ ok: false, text: errorMessage(e) }),
          );
      }}
    >
      {!about && (
        <SelectField label="About" value={target} onChange={(e) => setTarget(e.target.value)} options={targets} />
      )}
      <div>
        <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={2000}
          rows={2}
          required
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
        />
      </div>
      <p role="status" className={`min-h-5 text-sm ${status?.ok ? "text-green-800" : "text-red-700"}`}>
        {status?.text}
      </p>
      <Button type="submit" variant="secondary" disabled={create.pending || body.trim() === ""}>
        {submitLabel}
      </Button>
    </form>
  );
}
