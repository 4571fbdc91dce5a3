import type { Metadata } from "next";
import { AppShell } from "../_shared/app-shell";
import { loadAthletePage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { formatDay } from "~/lib/format";
import { CheckInForm } from "./check-in-form";

export const metadata: Metadata = { title: "How are you today?" };

/** The athlete's daily wellness check-in: today's, new or to change (a check-in is editable on its day). */
export default async function CheckInPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadAthletePage(slug, `/o/${slug}/check-in`);
  const { today, checkin } = await getQueryClient().fetchQuery(trpc.wellness.today.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/check-in`}>
      <div className="mx-auto max-w-lg pb-24">
        <h1 className="text-2xl font-semibold tracking-tight">How are you today?</h1>
        <p className="text-sm text-slate-600">{formatDay(today)} · Your coach sees this beside your training.</p>
        <div className="mt-4">
          <CheckInForm
            orgSlug={slug}
            saved={checkin !== null}
            initial={
              checkin
                ? {
                    sleep: checkin.sleep,
                    soreness: checkin.soreness,
                    stress: checkin.stress,
                    mood: checkin.mood,
                    restingHr: checkin.restingHr,
                    note: checkin.note,
                  }
                : null
            }
          />
        </div>
      </div>
    </AppShell>
  );
}
