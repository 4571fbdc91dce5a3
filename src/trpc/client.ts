import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";

/** The browser's tRPC client: one endpoint, calls made together batched, dates carried by superjson. */
export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
  });
}

export type TrpcClient = ReturnType<typeof makeTrpcClient>;
