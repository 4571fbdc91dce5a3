import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCReactProvider } from "./react";
import { getQueryClient } from "./server";

/*
 * Apart from server.tsx on purpose: a server module that imports a client component makes every
 * page importing that module load the component's code. Pages import getQueryClient and trpc from
 * server.tsx without loading the TanStack Query client; only those rendering HydrateClient do.
 */

/**
 * Sends what the server prefetched to the client components below it, inside the tRPC and query
 * providers they need. Only pages whose client components use `useTRPC` load that client (about
 * 23 kB gzipped); the root layout does not provide it to every page.
 */
export function HydrateClient({ children }: { children: React.ReactNode }) {
  return (
    <TRPCReactProvider>
      <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>
    </TRPCReactProvider>
  );
}
