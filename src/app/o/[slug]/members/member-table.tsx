"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/button";
import { errorMessage } from "~/lib/trpc-error";
import type { TrpcClient } from "~/trpc/client";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";
import type { RouterOutputs } from "../_shared/types";

type Role = "owner" | "coach" | "athlete";

/** The organisation's people from the server's data; each change is sent, then the page renders again. */
export function MemberTable({
  orgSlug,
  myUserId,
  members,
}: {
  orgSlug: string;
  myUserId: string;
  members: RouterOutputs["members"]["list"];
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const server = useServerCall();
  const send = (change: (trpc: TrpcClient) => Promise<unknown>) =>
    server.call(change).then(
      () => {
        setError(null);
        router.refresh();
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  const coaches = members.filter((m) => m.role !== "athlete");

  return (
    <section aria-labelledby="members-heading" className="mt-6" onFocus={preloadTrpc} onPointerDown={preloadTrpc}>
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
              <th scope="col" className="px-4 py-3 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Coached by
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                <span className="sr-only">Actions</span>
              </th>
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
                  <label className="sr-only" htmlFor={`role-${m.userId}`}>
                    Role of {m.name}
                  </label>
                  <select
                    id={`role-${m.userId}`}
                    value={m.role}
                    onChange={(e) => {
                      const role = e.target.value as Role;
                      void send((trpc) => trpc.members.changeRole.mutate({ orgSlug, userId: m.userId, role }));
                    }}
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
                            onChange={(e) => {
                              const assigned = e.target.checked;
                              void send((trpc) =>
                                trpc.members.setCoach.mutate({
                                  orgSlug,
                                  athleteId: m.athleteId!,
                                  coachUserId: c.userId,
                                  assigned,
                                }),
                              );
                            }}
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
                        if (window.confirm(`Remove ${m.name} from the organisation? Their access ends at once.`))
                          void send((trpc) => trpc.members.remove.mutate({ orgSlug, userId: m.userId }));
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
