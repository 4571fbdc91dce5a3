import "server-only";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { createRequestContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";

/**
 * One query client per request: a procedure that a page and its helpers both need (the caller's
 * organisation, say) runs once per request.
 */
export const getQueryClient = cache(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));

/**
 * Server components call procedures in-process (no HTTP hop), with the same input validation and
 * authorisation as the browser's calls: `await getQueryClient().fetchQuery(trpc.x.queryOptions(input))`.
 * Pages pass what they fetched to their client components as props (see docs/decisions/005).
 */
export const trpc = createTRPCOptionsProxy({
  ctx: cache(createRequestContext),
  router: appRouter,
  queryClient: getQueryClient,
});
