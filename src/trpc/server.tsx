import "server-only";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { createRequestContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { makeQueryClient } from "./query-client";

/** One query client per request, shared by every prefetch in it. */
export const getQueryClient = cache(makeQueryClient);

/** Server components call procedures in-process (no HTTP hop) through the same options as the browser. */
export const trpc = createTRPCOptionsProxy({
  ctx: cache(createRequestContext),
  router: appRouter,
  queryClient: getQueryClient,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}
