import "server-only";
import { QueryClient, type DefaultError, type FetchQueryOptions, type QueryKey } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { createRequestContext } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { forPage } from "~/server/http/page-outage";

/** Server components' query client: a procedure failing because the database is down sends the reader to /unavailable (503) rather than rendering a 500. */
class PageQueryClient extends QueryClient {
  override fetchQuery<
    TQueryFnData,
    TError = DefaultError,
    TData = TQueryFnData,
    TQueryKey extends QueryKey = QueryKey,
    TPageParam = never,
  >(options: FetchQueryOptions<TQueryFnData, TError, TData, TQueryKey, TPageParam>): Promise<TData> {
    return forPage(() => super.fetchQuery(options));
  }
}

/**
 * One query client per request: a procedure that a page and its helpers both need (the caller's
 * organisation, say) runs once per request.
 */
export const getQueryClient = cache(() => new PageQueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));

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
