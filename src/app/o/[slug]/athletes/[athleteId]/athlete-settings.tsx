"use client";

import { useRouter } from "next/navigation";
import type { TrainingSettings } from "~/domain/rules";
import type { SettingsFormValues } from "~/domain/training/settings-fields";
import { useServerCall } from "~/trpc/on-demand";
import { TrainingSettingsForm } from "../../_shared/settings-form";

/** An athlete's own training settings, over the club's defaults; saved through the on-demand tRPC client. */
export function AthleteSettings({
  orgSlug,
  athleteId,
  orgOverride,
  base,
  initial,
}: {
  orgSlug: string;
  athleteId: string;
  /** The club's stored override: the athlete's is checked on top of it. */
  orgOverride: unknown;
  /** The club's settings as resolved, which the athlete's override changes. */
  base: TrainingSettings;
  initial: SettingsFormValues;
}) {
  const router = useRouter();
  const update = useServerCall();
  return (
    <TrainingSettingsForm
      headingId="settings-heading"
      initial={initial}
      base={base}
      baseName="club default"
      validate={(override, { settingsProblem }) => settingsProblem(orgOverride, override)}
      saving={update.pending}
      save={async (override) => {
        await update.call((trpc) => trpc.trainingSettings.updateAthlete.mutate({ orgSlug, athleteId, override }));
        // The weeks above are judged by the new settings.
        router.refresh();
      }}
    />
  );
}
