"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

export function Welcome() {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  return (
    <section aria-labelledby="welcome-heading">
      <h1 id="welcome-heading" className="text-2xl font-semibold tracking-tight">
        Welcome, {me.name}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        Distances in {me.units === "km" ? "kilometres" : "miles"} · times in {me.timeZone}
      </p>
    </section>
  );
}
