import Link from "next/link";
import { Suspense } from "react";
import { addDays, type ComplianceEntry } from "~/domain/rules";
import { flagsSoFar, rankFlags } from "~/domain/training/flags";
import { formValuesOfOverride } from "~/domain/training/settings-form";
import { judgedByText, phaseTitle } from "~/domain/training/season";
import { formatDay, formatDistance, type Units } from "~/lib/format";
import { LoadChart, RpeByKindChart, WeeklyMixChart, WellnessChart } from "../../_shared/charts";
import { ExcusedDayMenu } from "../../_shared/excused-day-menu";
import { excusedText } from "~/domain/training/excused-days";
import { wellnessDays } from "~/domain/training/wellness";
import { CommentsPanel } from "../../_shared/comments";
import { WorkoutDownloadLink } from "../../_shared/workout-download";
import { FlagMessages } from "../../_shared/flags";
import { flagsFor, flagText, type FlagReader } from "~/components/flag-list";
import {
  amountText,
  COMPLIANCE_STYLE,
  COMPLIANCE_WORDS,
  dayLabel,
  kindTitle,
  minutesText,
  WEEKDAY_NAMES,
  weekRange,
} from "../../_shared/format";
import { MixKey, MixStack } from "../../_shared/mix-stack";
import type { RouterOutputs } from "../../_shared/types";
import { AthleteSettings } from "./athlete-settings";
import { SeasonEditor, type Season } from "./season-editor";
import { BackLink } from "~/components/back-link";

type Overview = RouterOutputs["athletes"]["overview"];
type Week = Overview["weeks"][number];

/**
 * A server component: the weeks, calendar and charts are rendered from the server's data, and only
 * the settings form and the comment form run in the browser.
 */
export function AthleteView({
  orgSlug,
  athleteId,
  units,
  isOwner,
  data,
  season,
}: {
  orgSlug: string;
  athleteId: string;
  units: Units;
  isOwner: boolean;
  data: Overview;
  season: Season;
}) {
  const { athlete, weeks, currentWeekStart, settings } = data;
  const past = weeks.filter((w) => w.weekStart <= currentWeekStart);
  // As on the roster: the week in progress is not judged on its mix yet. The coach reads each flag
  // in the coach's voice, the athlete's name in front.
  const reader: FlagReader = { kind: "coach", athleteName: athlete.displayName };
  const recentFlags = rankFlags(
    past.slice(-2).map((w) => ({
      weekStart: w.weekStart,
      flags: flagsFor(
        reader,
        w.weekStart === currentWeekStart ? flagsSoFar(w.evaluation.flags) : w.evaluation.flags,
      ).map((f) => ({ ...f, message: flagText(reader, f) })),
    })),
  );
  const builder = (weekStart: string) => `/o/${orgSlug}/athletes/${athleteId}/week/${weekStart}`;
  const commentTargets = [
    ...past
      .slice(-4)
      .reverse()
      .map((w) => ({ value: `week:${w.weekStart}`, label: `Week of ${formatDay(w.weekStart)}` })),
    ...past
      .flatMap((w) => w.runs)
      .slice(-15)
      .reverse()
      .map((r) => ({
        value: `run:${r.id}`,
        label: `${kindTitle(r.kind)} on ${formatDay(r.localDate)} (${minutesText(r.durationS / 60)}, RPE ${r.rpe})`,
      })),
  ];

  return (
    <div className="space-y-8">
      <header>
        <BackLink href={`/o/${orgSlug}`}>All athletes</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{athlete.displayName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Weeks start on {WEEKDAY_NAMES[athlete.weekStartDay]} · {athlete.timeZone.replaceAll("_", " ")} · today is{" "}
          {formatDay(data.today)}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Link
            href={builder(currentWeekStart)}
            className="inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800"
          >
            Plan this week
          </Link>
          <Link
            href={builder(addDays(currentWeekStart, 7))}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-100"
          >
            Plan next week
          </Link>
          <Link
            href={`/o/${orgSlug}/athletes/${athleteId}/calendar`}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-100"
          >
            Calendar
          </Link>
        </div>
      </header>

      <section aria-labelledby="flags-heading">
        <h2 id="flags-heading" className="text-lg font-semibold">
          Flags this week and last
        </h2>
        <div className="mt-2">
          <FlagMessages flags={recentFlags} empty="Nothing flagged: the last two weeks are on track." />
        </div>
      </section>

      <section aria-labelledby="calendar-heading">
        <h2 id="calendar-heading" className="text-lg font-semibold">
          Calendar
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Planned sessions and what was run, day by day. Compliance: green 80–120 %, yellow 50–150 %, red beyond or
          missed. A session on a day marked ill, injured, travelling or unavailable reads “Excused” and is not counted.
        </p>
        <div className="mt-2">
          <MixKey />
        </div>
        <Calendar
          orgSlug={orgSlug}
          weeks={weeks}
          currentWeekStart={currentWeekStart}
          units={units}
          builder={builder}
          data={data}
        />
      </section>

      <section aria-labelledby="charts-heading" className="space-y-4">
        <h2 id="charts-heading" className="text-lg font-semibold">
          The last {past.length} weeks
        </h2>
        <div className="grid gap-4 xl:grid-cols-2">
          <WeeklyMixChart
            title="Weekly mix by session kind (what was planned)"
            weeks={past.map((w) => ({ weekStart: w.weekStart, proportions: w.evaluation.actual.proportions }))}
            bands={settings.bands}
            current={currentWeekStart}
          />
          <WeeklyMixChart
            title="Weekly mix by effort (the RPE given)"
            weeks={past.map((w) => ({ weekStart: w.weekStart, proportions: w.evaluation.actual.effortProportions }))}
            bands={settings.bands}
            current={currentWeekStart}
          />
          <LoadChart
            weeks={past.map((w) => ({ weekStart: w.weekStart, load: w.evaluation.actual.load }))}
            monotonyMax={settings.monotonyMax}
            loadSpikeRatio={settings.loadSpikeRatio}
            current={currentWeekStart}
          />
          <WellnessChart
            days={wellnessDays(
              data.checkins,
              past.flatMap((w) => w.runs),
              data.today,
            )}
          />
          <RpeByKindChart kinds={data.rpeByKind} effortBands={settings.effortBands} />
        </div>
      </section>

      <section aria-labelledby="season-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="season-heading" className="text-lg font-semibold">
          Season
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">
          Phases set the targets that judge the weeks they hold (a week spanning two phases follows the one with most of
          its days). Races show on the calendar, the roster and the athlete&apos;s calendar feed.
        </p>
        <SeasonEditor orgSlug={orgSlug} athleteId={athleteId} units={units} season={season} />
      </section>

      <Suspense fallback={<p>Loading comments…</p>}>
        <CommentsPanel orgSlug={orgSlug} athleteId={athleteId} targets={commentTargets} canWrite />
      </Suspense>

      <section aria-labelledby="settings-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="settings-heading" className="text-lg font-semibold">
          Training settings for {data.athlete.displayName}
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">
          Leave a field empty to follow the club default (shown under it).{" "}
          <Link href={`/o/${orgSlug}/training-settings`} className="text-blue-800 underline underline-offset-2">
            {isOwner ? "Change the club defaults" : "See the club defaults"}
          </Link>
          .
        </p>
        <AthleteSettings
          orgSlug={orgSlug}
          athleteId={athleteId}
          orgOverride={data.trainingSettings.orgOverride}
          base={data.trainingSettings.orgResolved}
          initial={formValuesOfOverride(data.trainingSettings.override, data.trainingSettings.orgResolved)}
        />
      </section>
    </div>
  );
}

function complianceOf(week: Week): Map<string, ComplianceEntry> {
  return new Map(week.evaluation.compliance.map((c) => [c.plannedId, c]));
}

function Calendar({
  orgSlug,
  weeks,
  currentWeekStart,
  units,
  builder,
  data,
}: {
  orgSlug: string;
  weeks: Week[];
  currentWeekStart: string;
  units: Units;
  builder: (w: string) => string;
  data: Overview;
}) {
  const offsets = [0, 1, 2, 3, 4, 5, 6];
  const firstDay = data.athlete.weekStartDay;
  return (
    <div
      className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white"
      role="region"
      aria-label="Calendar of weeks"
      tabIndex={0}
    >
      <table className="w-full min-w-[60rem] table-fixed text-left text-xs">
        <caption className="sr-only">Weeks, newest last: plan and runs per day</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="w-36 px-2 py-2 font-medium">
              Week
            </th>
            {offsets.map((o) => (
              <th key={o} scope="col" className="px-2 py-2 font-medium">
                {WEEKDAY_NAMES[(firstDay + o) % 7]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...weeks].reverse().map((week) => {
            const compliance = complianceOf(week);
            const current = week.weekStart === currentWeekStart;
            const upcoming = week.weekStart > currentWeekStart;
            return (
              <tr
                key={week.weekStart}
                className={`border-t border-slate-100 align-top ${current ? "bg-blue-50/50" : ""}`}
              >
                <th scope="row" className="px-2 py-2 font-normal">
                  <span className="block font-semibold">{weekRange(week.weekStart)}</span>
                  <span className="block text-slate-600">
                    {current ? "This week · " : upcoming ? "Upcoming · " : ""}
                    {week.status === "published" ? "Published" : week.status === "draft" ? "Draft" : "No plan"}
                  </span>
                  <span className="block text-slate-700" title={judgedByText(week.phaseName, week.judgedBy)}>
                    {week.phaseName ? phaseTitle(week.phaseName) : "No phase"} · quality ≤{" "}
                    {Math.round(week.judgedBy.bands.qualityMax * 1000) / 10} %
                  </span>
                  {!upcoming && (
                    <div className="mt-1">
                      <MixStack
                        compact
                        legend={false}
                        proportions={week.evaluation.actual.effortProportions}
                        bands={week.judgedBy.bands}
                        caption="Effort mix"
                        label={`Mix by effort, week of ${formatDay(week.weekStart)}${current ? ", so far" : ""}`}
                      />
                    </div>
                  )}
                  <Link
                    href={builder(week.weekStart)}
                    className="mt-1 inline-block py-1 text-blue-800 underline underline-offset-2"
                  >
                    {week.status ? "Edit week" : "Plan week"}
                    <span className="sr-only"> of {formatDay(week.weekStart)}</span>
                  </Link>
                </th>
                {offsets.map((o) => {
                  const date = addDays(week.weekStart, o);
                  const sessions = week.sessions.filter((s) => s.date === date);
                  const runs = week.runs.filter((r) => r.localDate === date);
                  const excused = week.excused.find((e) => e.date === date) ?? null;
                  // Marking is offered from last week on (the recent past and what is planned); an
                  // older mark can still be removed.
                  const markable = date >= addDays(currentWeekStart, -7);
                  return (
                    <td
                      key={o}
                      className={`px-2 py-2 ${date === data.today ? "outline outline-2 -outline-offset-2 outline-blue-600" : ""}`}
                    >
                      <span className="sr-only">{dayLabel(week.weekStart, o)}: </span>
                      <ul className="space-y-1">
                        {sessions.map((s) => {
                          const c = compliance.get(s.id);
                          return (
                            <li
                              key={s.id}
                              className={`rounded border-l-4 px-1.5 py-1 ${c?.color ? COMPLIANCE_STYLE[c.color] : "border-slate-400 bg-slate-50"}`}
                            >
                              <span className="font-medium">{kindTitle(s.kind)}</span>{" "}
                              <span>{amountText(s, units)}</span>
                              {s.structure != null && (
                                <>
                                  {" "}
                                  <WorkoutDownloadLink
                                    orgSlug={orgSlug}
                                    sessionId={s.id}
                                    athleteName={data.athlete.displayName}
                                  />
                                </>
                              )}
                              {c?.color && (
                                <span className="block">
                                  {c.runId
                                    ? `${Math.round(c.percent ?? 0)} % · ${COMPLIANCE_WORDS[c.color]}`
                                    : c.color === "excused"
                                      ? excusedText(excused?.reason ?? "unavailable")
                                      : "missed"}
                                </span>
                              )}
                            </li>
                          );
                        })}
                        {week.races
                          .filter((r) => r.date === date)
                          .map((r) => (
                            <li key={r.id} className="rounded bg-amber-50 px-1.5 py-1 ring-1 ring-amber-300">
                              <span className="font-medium">
                                {r.priority} race: {r.name}
                              </span>{" "}
                              <span>{formatDistance(r.distanceM, units)}</span>
                            </li>
                          ))}
                        {runs.map((r) => (
                          <li key={r.id} className="rounded bg-white px-1.5 py-1 ring-1 ring-slate-200">
                            <span className="sr-only">Ran: </span>
                            <span aria-hidden="true">✓ </span>
                            {kindTitle(r.kind)} {minutesText(r.durationS / 60)}, RPE {r.rpe}
                          </li>
                        ))}
                      </ul>
                      {(excused || markable) && (
                        <ExcusedDayMenu
                          orgSlug={orgSlug}
                          athleteId={data.athlete.id}
                          date={date}
                          dayLabel={formatDay(date)}
                          excused={excused}
                        />
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
