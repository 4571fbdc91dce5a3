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

/** "week:2026-11-23" or "run:<id>" as the procedure's input. */
function aboutOf(value: string): { weekStart: string } | { runId: string } {
  const [type, key] = value.split(":", 2) as [string, string];
  return type === "run" ? { runId: key } : { weekStart: key };
}

/** A coach's new comment; once posted, the page renders the list again with it (router.refresh). */
export function CommentForm({
  orgSlug,
  athleteId,
  weekStart,
  targets,
}: {
  orgSlug: string;
  athleteId: string;
  weekStart?: string;
  targets: CommentTarget[];
}) {
  const router = useRouter();
  const id = useId();
  const [body, setBody] = useState("");
  const [target, setTarget] = useState(weekStart ? `week:${weekStart}` : (targets[0]?.value ?? ""));
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
              setStatus({ ok: true, text: "Comment posted. The athlete sees it with their feedback." });
              router.refresh();
            },
            (e: unknown) => setStatus({ ok: false, text: errorMessage(e) }),
          );
      }}
    >
      {!weekStart && (
        <SelectField label="About" value={target} onChange={(e) => setTarget(e.target.value)} options={targets} />
      )}
      <div>
        <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
          Comment
        </label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={2000}
          rows={3}
          required
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
        />
      </div>
      <p role="status" className={`min-h-5 text-sm ${status?.ok ? "text-green-800" : "text-red-700"}`}>
        {status?.text}
      </p>
      <Button type="submit" variant="secondary" disabled={create.pending || body.trim() === ""}>
        Post comment
      </Button>
    </form>
  );
}
