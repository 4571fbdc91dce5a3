"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { formatDay } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

export function AthleteList({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const { data: athletes } = useSuspenseQuery(trpc.athletes.list.queryOptions({ orgSlug }));
  return (
    <section aria-labelledby="athletes-heading">
      <h1 id="athletes-heading" className="text-2xl font-semibold tracking-tight">
        Athletes
      </h1>
      {athletes.length === 0 ? (
        <p className="mt-4 text-slate-600">No athletes yet. Invite your first athlete from Members.</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Athletes you coach</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Athlete</th>
                <th scope="col" className="px-4 py-3 font-medium">Coaches</th>
                <th scope="col" className="px-4 py-3 font-medium">Last run</th>
              </tr>
            </thead>
            <tbody>
              {athletes.map((a) => (
                <tr key={a.athleteId} className="border-t border-slate-100">
                  <td className="px-4 py-3 font-medium">{a.displayName}</td>
                  <td className="px-4 py-3">{a.coaches.map((c) => c.name).join(", ") || "–"}</td>
                  <td className="px-4 py-3">{a.lastRunOn ? formatDay(a.lastRunOn) : "no runs yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
