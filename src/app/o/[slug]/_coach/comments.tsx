"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { formatDay } from "~/lib/format";
import { errorMessage } from "~/lib/trpc-error";
import { useTRPC } from "~/trpc/react";
import { kindTitle } from "./format";

export interface CommentTarget {
  value: string;
  label: string;
}

/** "week:2026-11-23" or "run:<id>" as the procedure's input. */
function aboutOf(value: string): { weekStart: string } | { runId: string } {
  const [type, key] = value.split(":", 2) as [string, string];
  return type === "run" ? { runId: key } : { weekStart: key };
}

/**
 * Comments about an athlete (or one week of theirs), newest first, and a form for their coach.
 * With `weekStart` the panel is about that week only; otherwise `targets` lists what may be commented on.
 */
export function CommentsPanel({
  orgSlug,
  athleteId,
  weekStart,
  targets = [],
  canWrite,
  headingLevel = 2,
}: {
  orgSlug: string;
  athleteId: string;
  weekStart?: string;
  targets?: CommentTarget[];
  canWrite: boolean;
  headingLevel?: 2 | 3;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const input = { orgSlug, athleteId, ...(weekStart ? { weekStart } : {}) };
  const { data: comments } = useSuspenseQuery(trpc.comments.listForAthlete.queryOptions(input));
  const [body, setBody] = useState("");
  const [target, setTarget] = useState(weekStart ? `week:${weekStart}` : (targets[0]?.value ?? ""));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const create = useMutation(
    trpc.comments.create.mutationOptions({
      onSuccess: () => {
        setBody("");
        setStatus({ ok: true, text: "Comment posted. The athlete sees it with their feedback." });
        void queryClient.invalidateQueries({ queryKey: trpc.comments.listForAthlete.queryKey() });
      },
      onError: (e) => setStatus({ ok: false, text: errorMessage(e) }),
    }),
  );
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-4">
      <Heading id={`${id}-heading`} className="text-lg font-semibold">
        {weekStart ? "Comments on this week" : "Comments"}
      </Heading>
      {comments.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No comments yet.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {comments.map((c) => (
            <li key={c.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
              <p className="text-xs text-slate-600">
                {c.authorName ?? "A former member"} on{" "}
                {c.runId ? `the ${c.runKind ? kindTitle(c.runKind).toLowerCase() : "run"} of ${c.runDate ? formatDay(c.runDate) : "a day"}` : `the week of ${formatDay(c.weekStart!)}`}
                {" · "}
                <time dateTime={new Date(c.createdAt).toISOString()}>{formatDay(new Date(c.createdAt).toISOString().slice(0, 10))}</time>
              </p>
              <p className="mt-1 whitespace-pre-line">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (weekStart || targets.length > 0) && (
        <form
          className="mt-3 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ orgSlug, athleteId, body, ...aboutOf(target) });
          }}
        >
          {!weekStart && <SelectField label="About" value={target} onChange={(e) => setTarget(e.target.value)} options={targets} />}
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
          <Button type="submit" variant="secondary" disabled={create.isPending || body.trim() === ""}>
            Post comment
          </Button>
        </form>
      )}
    </section>
  );
}
