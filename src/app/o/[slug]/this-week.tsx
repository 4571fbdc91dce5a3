import Link from "next/link";
import { categoryOf, rpeWords } from "~/domain/rules";
import { FlagList } from "~/components/flag-list";
import { MixBar } from "~/components/mix-bar";
import { PaceAgainstTarget, WeekTotals } from "~/components/run-numbers";
import { formatDay, formatDistance, formatDuration, formatPace, KIND_NAMES, paceRange, type Units } from "~/lib/format";
import type { RouterOutputs } from "./_shared/types";
import { AthleteConversations } from "./_shared/comments";
import { PendingRpe } from "./_shared/pending-rpe";
import { ExcusedDayMenu } from "./_shared/excused-day-menu";
import { excusedText } from "~/domain/training/excused-days";
import { WorkoutSteps } from "./_shared/workout-steps";
import { WorkoutDownloadLink } from "./_shared/workout-download";

const COMPLIANCE_STYLE = {
  green: "bg-green-100 text-green-900",
  yellow: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-900",
  excused: "bg-slate-100 text-slate-700",
} as const;

/** The athlete's week: a server component, nothing in it changes without a new request. */
export function ThisWeek({
  orgSlug,
  units,
  week,
  queued,
}: {
  orgSlug: string;
  units: Units;
  week: RouterOutputs["athleteWeeks"]["thisWeek"];
  /** Runs logged on this device and not yet on the server (offline logging), under the heading. */
  queued?: React.ReactNode;
}) {
  const compliance = new Map(week.evaluation.compliance.map((c) => [c.plannedId, c]));
  const next = week.planned.find((p) => p.date >= week.today && !compliance.get(p.id)?.runId);
  const easy = week.paces?.paces.easy;
  // Without a published plan, seven "Rest day" cards would say what is not true: only days with runs.
  const shownDays = week.published ? week.days : week.days.filter((day) => week.runs.some((r) => r.localDate === day));

  return (
    <section aria-labelledby="week-heading" className="pb-24">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="week-heading" className="text-2xl font-semibold tracking-tight">
          This week
        </h1>
        <p className="text-sm text-slate-600">
          {formatDay(week.days[0]!)} – {formatDay(week.days[6]!)}
        </p>
      </div>
      <p className="text-sm text-slate-600">
        {week.coaches.length ? `Coached by ${week.coaches.join(", ")}` : "No coach assigned yet"}
      </p>
      <nav aria-label="Your plan" className="mt-2 flex flex-wrap gap-x-4 text-sm">
        <Link
          href={`/o/${orgSlug}/plan/${week.nextWeekStart}`}
          className="inline-flex min-h-11 items-center font-medium text-blue-700 underline underline-offset-2"
        >
          Next week →
        </Link>
        <Link
          href={`/o/${orgSlug}/plan`}
          className="inline-flex min-h-11 items-center text-blue-700 underline underline-offset-2"
        >
          The weeks ahead
        </Link>
        <Link
          href={`/o/${orgSlug}/check-in`}
          className="inline-flex min-h-11 items-center font-medium text-blue-700 underline underline-offset-2"
        >
          How are you today?
        </Link>
      </nav>
      {queued}

      {!week.published && (
        <p className="mt-3 rounded-lg border border-slate-200 bg-white p-4 text-slate-800">
          Your coach hasn&apos;t published this week yet; you can still log runs.
        </p>
      )}

      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold text-slate-800">This week so far</h2>
        <div className="mt-2">
          <WeekTotals
            label="This week so far"
            totals={week.totals}
            units={units}
            load={week.evaluation.actual.load.weekly}
          />
        </div>
      </div>
      <PendingRpe orgSlug={orgSlug} units={units} />

      <div className="mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold text-slate-800">Your mix so far</h2>
        <div>
          <p className="mb-1 text-sm font-medium text-slate-800">By kind of run</p>
          <MixBar label="By kind of run" proportions={week.evaluation.actual.proportions} bands={week.bands} />
        </div>
        <div>
          <p className="mb-1 text-sm font-medium text-slate-800">By how hard it felt</p>
          <MixBar
            label="By how hard it felt"
            proportions={week.evaluation.actual.effortProportions}
            bands={week.bands}
          />
        </div>
      </div>

      <ol className="mt-4 space-y-2" aria-label="Days of this week">
        {shownDays.map((day) => {
          const planned = week.planned.filter((p) => p.date === day);
          const runs = week.runs.filter((r) => r.localDate === day);
          const isToday = day === week.today;
          const excused = week.excused.find((e) => e.date === day) ?? null;
          return (
            <li
              key={day}
              className={`rounded-lg border bg-white p-3 ${isToday ? "border-blue-600" : "border-slate-200"}`}
              aria-current={isToday ? "date" : undefined}
            >
              <h3 className="text-sm font-semibold">
                {formatDay(day)}{" "}
                {isToday && <span className="ml-1 rounded bg-blue-700 px-1.5 py-0.5 text-xs text-white">Today</span>}
              </h3>
              {planned.length === 0 && runs.length === 0 && !excused && (
                <p className="text-sm text-slate-500">Rest day</p>
              )}
              {planned.map((p) => {
                const c = compliance.get(p.id);
                const category = categoryOf(p.kind);
                return (
                  <div key={p.id} className="mt-1 text-sm">
                    <span className="font-medium">{KIND_NAMES[p.kind]}</span>
                    {p.durationMin ? ` · ${p.durationMin} min` : ""}
                    {p.distanceM ? ` · ${formatDistance(p.distanceM, units)}` : ""}
                    {p.id === next?.id && (
                      <span className="ml-2 rounded bg-slate-900 px-1.5 py-0.5 text-xs text-white">Next</span>
                    )}
                    {c?.color && (
                      <span className={`ml-2 rounded px-1.5 py-0.5 text-xs ${COMPLIANCE_STYLE[c.color]}`}>
                        {c.runId
                          ? `${Math.round(c.percent ?? 0)} % done`
                          : c.color === "excused"
                            ? excusedText(excused?.reason ?? "unavailable")
                            : "missed"}
                      </span>
                    )}
                    {p.description && <p className="text-slate-700">{p.description}</p>}
                    {p.structure && (
                      <WorkoutSteps
                        structure={p.structure}
                        paces={week.paces?.paces ?? null}
                        units={units}
                        label={`Steps of the ${KIND_NAMES[p.kind].toLowerCase()} on ${formatDay(day)}`}
                        className="mt-1 text-sm"
                      />
                    )}
                    {p.structure != null && <WorkoutDownloadLink orgSlug={orgSlug} sessionId={p.id} />}
                    {p.targetRpe && (
                      <p className="text-slate-600">
                        Target RPE {p.targetRpe}: {rpeWords(p.targetRpe, week.effortBands)}
                      </p>
                    )}
                    {easy && category !== "quality" && (
                      <p className="text-slate-600">
                        Pace:{" "}
                        {category === "recovery"
                          ? `slower than ${formatPace(easy.toSPerKm, 1000, units)}`
                          : paceRange(easy.fromSPerKm, easy.toSPerKm, units)}
                      </p>
                    )}
                  </div>
                );
              })}
              {runs.map((r) => (
                <div key={r.id} className="mt-1 text-sm text-slate-800">
                  <p>
                    ✓ Ran {KIND_NAMES[r.kind].toLowerCase()} · {formatDuration(r.durationS)} ·{" "}
                    {formatDistance(r.distanceM, units)} · RPE {r.rpe}{" "}
                    <Link href={`/o/${orgSlug}/runs/${r.id}`} className="text-blue-700 underline">
                      edit
                    </Link>
                  </p>
                  <PaceAgainstTarget run={r} paces={week.paces?.paces} units={units} />
                </div>
              ))}
              <ExcusedDayMenu orgSlug={orgSlug} date={day} dayLabel={formatDay(day)} excused={excused} />
            </li>
          );
        })}
      </ol>

      <div className="mt-4">
        <h2 className="text-lg font-semibold">This week&apos;s feedback</h2>
        <div className="mt-2">
          <FlagList flags={week.evaluation.flags} empty="Nothing to flag so far: well balanced." />
        </div>
      </div>
      <AthleteConversations orgSlug={orgSlug} days={week.days} />

      <div className="mt-6 hidden sm:block">
        <Link
          href={`/o/${orgSlug}/log`}
          className="flex min-h-12 w-full items-center justify-center rounded-md bg-blue-700 text-base font-semibold text-white sm:w-auto sm:px-6"
        >
          Log a run
        </Link>
      </div>
    </section>
  );
}
