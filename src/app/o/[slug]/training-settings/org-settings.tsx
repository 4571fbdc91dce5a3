"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DEFAULT_SETTINGS } from "~/domain/rules";
import { settingsProblem } from "~/domain/training/settings-form";
import { useTRPC } from "~/trpc/react";
import { TrainingSettingsForm } from "../_coach/settings-form";

export function OrgSettings({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.trainingSettings.org.queryOptions({ orgSlug }));
  const update = useMutation(trpc.trainingSettings.updateOrg.mutationOptions());
  return (
    <section aria-labelledby="org-settings-heading" className="space-y-4">
      <p className="text-sm">
        <Link href={`/o/${orgSlug}`} className="text-blue-800 underline-offset-2 hover:underline">
          ← All athletes
        </Link>
      </p>
      <h1 id="org-settings-heading" className="text-2xl font-semibold tracking-tight">
        Club training settings
      </h1>
      <p className="text-sm text-slate-600">
        The defaults every athlete&apos;s weeks are judged by, unless a coach sets something else for them on the athlete&apos;s page.
        {data.canEdit ? " Leave a field empty to keep the built-in default." : " Only owners can change them."}
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <TrainingSettingsForm
          headingId="org-settings-heading"
          override={data.override}
          base={DEFAULT_SETTINGS}
          baseName="built-in default"
          disabled={!data.canEdit}
          validate={(override) => settingsProblem(override)}
          saving={update.isPending}
          save={async (override) => {
            await update.mutateAsync({ orgSlug, override });
            await queryClient.invalidateQueries({ queryKey: trpc.trainingSettings.pathKey() });
            await queryClient.invalidateQueries({ queryKey: trpc.roster.pathKey() });
          }}
        />
      </div>
    </section>
  );
}
