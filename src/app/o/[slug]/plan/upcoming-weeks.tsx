import Link from "next/link";
import { formatDay, type Units } from "~/lib/format";
import { addDays } from "~/domain/rules";
import { amountText, distanceText, kindTitle, minutesText, weekRange } from "../_shared/format";
import type { RouterOutputs } from "../_shared/types";
import { WorkoutSteps } from "../_shared/workout-steps";

type Upcoming = RouterOutputs["athleteWeeks"]["upcoming"];

function weekName(index: number, weekStart: string): string {
  if (index === 0) return "This week";
  if (index === 1) return "Next week";
  return `Week of ${formatDay(weekStart)}`;
}

/** The weeks ahead, one card each: what the coach has published, or that they have not yet (a server component). */
export function UpcomingWeeks({
  orgSlug,
  units,
  data,
  races,
}: {
  orgSlug: string;
  units: Units;
  data: Upcoming;
  races: RouterOutputs["season"]["get"]["races"];
}) {
  const publishedAhead = data.weeks.slice(1).filter((w) => w.published).length;
  return (
    <section aria-labelledby="plan-heading" className="space-y-4">
      <header>
        <h1 id="plan-heading" className="text-2xl font-semibold tracking-tight">
          Your plan
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {publishedAhead === 0
            ? "Your coach hasn't published any of the coming weeks yet."
            : `${publishedAhead} of the next ${data.weeks.length - 1} weeks published by your coach.`}
        </p>
      </header>
      <ol className="space-y-3">
        {data.weeks.map((week, index) => {
          const name = weekName(index, week.weekStart);
          const minutes = week.sessions.reduce((sum, s) => sum + (s.durationMin ?? 0), 0);
          return (
            <li key={week.weekStart} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <h2 className="font-semibold">{name}</h2>
                <p className="text-sm text-slate-600">{weekRange(week.weekStart)}</p>
              </div>
              {races
                .filter((r) => r.date >= week.weekStart && r.date <= addDays(week.weekStart, 6))
                .map((r) => (
                  <p key={r.id} className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm ring-1 ring-amber-300">
                    <span className="font-medium">
                      {r.priority} race: {r.name}
                    </span>{" "}
                    on {formatDay(r.date)} · {distanceText(r.distanceM, units)}
                  </p>
                ))}
              {!week.published ? (
                <p className="mt-1 text-sm text-slate-700">Not published yet.</p>
              ) : week.sessions.length === 0 ? (
                <p className="mt-1 text-sm text-slate-700">A rest week: nothing planned.</p>
              ) : (
                <>
                  <p className="mt-1 text-sm text-slate-700">
                    {week.sessions.length} {week.sessions.length === 1 ? "session" : "sessions"}
                    {minutes > 0 ? ` · ${minutesText(minutes)}` : ""}
                  </p>
                  <ul className="mt-2 space-y-1 text-sm">
                    {week.sessions.map((s) => (
                      <li key={s.id}>
                        <span className="inline-block w-24 text-slate-600">{formatDay(s.date)}</span>
                        <span className="font-medium">{kindTitle(s.kind)}</span> · {amountText(s, units)}
                        {s.structure && (
                          <WorkoutSteps
                            structure={s.structure}
                            paces={data.paces}
                            units={units}
                            label={`Steps of the ${kindTitle(s.kind).toLowerCase()} on ${formatDay(s.date)}`}
                            className="mt-1 sm:ml-24"
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {week.published && (
                <Link
                  href={`/o/${orgSlug}/plan/${week.weekStart}`}
                  className="mt-2 inline-flex min-h-11 items-center text-sm text-blue-700 underline underline-offset-2"
                >
                  See the week<span className="sr-only">: {name.toLowerCase()}</span>
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
