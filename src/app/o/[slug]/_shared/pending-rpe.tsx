import type { Units } from "~/lib/format";
import { getQueryClient, trpc } from "~/trpc/server";
import { ConfirmImport } from "./confirm-import";

/**
 * Imported runs waiting for the athlete's RPE, asked on This week: a coach may import a run but not
 * say how hard it felt, and a run without an RPE cannot be judged. Renders nothing when none wait.
 */
export async function PendingRpe({ orgSlug, units }: { orgSlug: string; units: Units }) {
  const drafts = await getQueryClient().fetchQuery(trpc.imports.pending.queryOptions({ orgSlug }));
  if (drafts.length === 0) return null;
  return (
    <section aria-labelledby="pending-rpe-heading" className="mt-4 space-y-2">
      <h2 id="pending-rpe-heading" className="text-lg font-semibold">
        How hard did {drafts.length === 1 ? "this run" : `these ${drafts.length} runs`} feel?
      </h2>
      <p className="text-sm text-slate-700">Imported from a watch file: they count in your week once you rate them.</p>
      <ul className="space-y-3">
        {drafts.map((d) => (
          <li key={d.id}>
            <ConfirmImport orgSlug={orgSlug} draft={d} units={units} reader={{ kind: "athlete" }} />
          </li>
        ))}
      </ul>
    </section>
  );
}
