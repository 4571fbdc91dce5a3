"use client";

import { useRouter } from "next/navigation";
import { DEFAULT_SETTINGS } from "~/domain/rules";
import type { SettingsFormValues } from "~/domain/training/settings-fields";
import { useServerCall } from "~/trpc/on-demand";
import { TrainingSettingsForm } from "../_shared/settings-form";
import { BackLink } from "~/components/back-link";

/** The club's defaults from the server's data; saving goes through the on-demand tRPC client. */
export function OrgSettings({
  orgSlug,
  canEdit,
  initial,
}: {
  orgSlug: string;
  canEdit: boolean;
  initial: SettingsFormValues;
}) {
  const router = useRouter();
  const update = useServerCall();
  return (
    <section aria-labelledby="org-settings-heading" className="space-y-4">
      <BackLink href={`/o/${orgSlug}`}>All athletes</BackLink>
      <h1 id="org-settings-heading" className="text-2xl font-semibold tracking-tight">
        Club training settings
      </h1>
      <p className="text-sm text-slate-600">
        The defaults every athlete&apos;s weeks are judged by, unless a coach sets something else for them on the
        athlete&apos;s page.
        {canEdit ? " Leave a field empty to keep the built-in default." : " Only owners can change them."}
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <TrainingSettingsForm
          headingId="org-settings-heading"
          initial={initial}
          base={DEFAULT_SETTINGS}
          baseName="built-in default"
          disabled={!canEdit}
          validate={(override, { settingsProblem }) => settingsProblem(override)}
          saving={update.pending}
          save={async (override) => {
            await update.call((trpc) => trpc.trainingSettings.updateOrg.mutate({ orgSlug, override }));
            router.refresh();
          }}
        />
      </div>
    </section>
  );
}
