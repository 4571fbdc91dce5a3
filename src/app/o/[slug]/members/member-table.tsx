"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/button";
import { errorMessage } from "~/lib/trpc-error";
import { useTRPC } from "~/trpc/react";

type Role = "owner" | "coach" | "athlete";

export function MemberTable({ orgSlug, myUserId }: { orgSlug: string; myUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions({ orgSlug }));
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      setError(null);
      void queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ orgSlug }) });
    },
    onError: (e: unknown) => setError(errorMessage(e)),
  };
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions(options));
  const remove = useMutation(trpc.members.remove.mutationOptions(options));
  const setCoach = useMutation(trpc.members.setCoach.mutationOptions(options));
  const coaches = members.filter((m) => m.role !== "athlete");

  return (
    <section aria-labelledby="members-heading" className="mt-6">
      <h2 id="members-heading" className="text-lg font-semibold">
        People in this organisation
      </h2>
      <p role="alert" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">Role</th>
              <th scope="col" className="px-4 py-3 font-medium">Coached by</th>
              <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} className="border-t border-slate-100 align-top">
                <td className="px-4 py-3">
                  <div className="font-medium">{m.name}</div>
                  <div className="text-slate-600">{m.email}</div>
                </td>
                <td className="px-4 py-3">
                  <label className="sr-only" htmlFor={`role-${m.userId}`}>Role of {m.name}</label>
                  <select
                    id={`role-${m.userId}`}
                    value={m.role}
                    onChange={(e) => changeRole.mutate({ orgSlug, userId: m.userId, role: e.target.value as Role })}
                    className="min-h-11 rounded-md border border-slate-300 bg-white px-2"
                  >
                    <option value="owner">Owner</option>
                    <option value="coach">Coach</option>
                    <option value="athlete">Athlete</option>
                  </select>
                </td>
                <td className="px-4 py-3">
                  {m.role === "athlete" && m.athleteId ? (
                    <fieldset>
                      <legend className="sr-only">Coaches of {m.name}</legend>
                      {coaches.map((c) => (
                        <label key={c.userId} className="mr-3 inline-flex min-h-11 items-center gap-2">
                          <input
                            type="checkbox"
                            className="size-4"
                            checked={m.coachUserIds.includes(c.userId)}
                            onChange={(e) => setCoach.mutate({ orgSlug, athleteId: m.athleteId!, coachUserId: c.userId, assigned: e.target.checked })}
                          />
                          {c.name}
                        </label>
                      ))}
                    </fieldset>
                  ) : (
                    <span className="text-slate-500">–</span>
                  )}
                </td>
                <td className="px-4 py-3 text-right">
                  {m.userId !== myUserId && (
                    <Button
                      variant="secondary"
                      aria-label={`Remove ${m.name}`}
                      onClick={() => {
                        if (window.confirm(`Remove ${m.name} from the organisation? Their access ends at once.`)) remove.mutate({ orgSlug, userId: m.userId });
                      }}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
