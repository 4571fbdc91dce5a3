import Link from "next/link";
import { Suspense } from "react";
import { addDays, rpeWords } from "~/domain/rules";
import { formatDay, type Units } from "~/lib/format";
import { CommentsPanel } from "../../_shared/comments";
import { WorkoutDownloadLink } from "../../_shared/workout-download";
import { amountText, kindTitle, WEEKDAY_NAMES, weekRange } from "../../_shared/format";
import type { RouterOutputs } from "../../_shared/types";
import { WorkoutSteps } from "../../_shared/workout-steps";

/** A published week, day by day, with the target effort in words (a server component). */
export function PlanView({
  orgSlug,
  athleteId,
  units,
  data,
}: {
  orgSlug: string;
  athleteId: string;
  units: Units;
  data: RouterOutputs["weeks"]["get"];
}) {
  const days = [0, 1, 2, 3, 4, 5, 6].map((offset) => ({ offset, date: addDays(data.weekStart, offset) }));
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Your plan: week of {weekRange(data.weekStart)}</h1>
        <nav aria-label="Other weeks" className="mt-2 flex flex-wrap gap-x-4 text-sm">
          <Link
            href={`/o/${orgSlug}/plan/${addDays(data.weekStart, -7)}`}
            className="py-2 text-blue-800 underline underline-offset-2"
          >
            ← Previous week
          </Link>
          <Link
            href={`/o/${orgSlug}/plan/${addDays(data.weekStart, 7)}`}
            className="py-2 text-blue-800 underline underline-offset-2"
          >
            Next week →
          </Link>
          <Link href={`/o/${orgSlug}/plan`} className="py-2 text-blue-800 underline underline-offset-2">
            All weeks ahead
          </Link>
        </nav>
      </header>
      {data.week === null ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">
          Your coach has not published this week yet.
        </p>
      ) : (
        <ol className="space-y-3">
          {days.map(({ offset, date }) => {
            const sessions = data.sessions.filter((s) => s.date === date);
            return (
              <li key={date} className="rounded-lg border border-slate-200 bg-white p-3">
                <h2 className="font-semibold">
                  {WEEKDAY_NAMES[(data.athlete.weekStartDay + offset) % 7]}{" "}
                  <span className="font-normal text-slate-600">{formatDay(date).split(" ").slice(1).join(" ")}</span>
                </h2>
                {sessions.length === 0 ? (
                  <p className="text-sm text-slate-600">Rest day</p>
                ) : (
                  <ul className="mt-1 space-y-2">
                    {sessions.map((s) => (
                      <li key={s.id} className="text-sm">
                        <span className="font-medium">{kindTitle(s.kind)}</span> · {amountText(s, units)}
                        {s.targetRpe !== null && (
                          <span className="block text-slate-700">
                            Target RPE {s.targetRpe}: {rpeWords(s.targetRpe, data.settings.effortBands)}
                          </span>
                        )}
                        {s.description && <span className="block text-slate-700">{s.description}</span>}
                        {s.structure && (
                          <WorkoutSteps
                            structure={s.structure}
                            paces={data.athlete.paces}
                            units={units}
                            label={`Steps of the ${kindTitle(s.kind).toLowerCase()} on ${formatDay(s.date)}`}
                            className="mt-1 text-sm"
                          />
                        )}
                        {s.structure != null && (
                          <span className="block">
                            <WorkoutDownloadLink orgSlug={orgSlug} sessionId={s.id} />
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <Suspense fallback={<p>Loading comments…</p>}>
        <CommentsPanel orgSlug={orgSlug} athleteId={athleteId} weekStart={data.weekStart} canWrite={false} />
      </Suspense>
    </div>
  );
}
