import { useState } from "react";
import type { TrpcClient } from "./client";

/*
 * Pages that render from their server component's data need the tRPC client only when someone acts
 * (saves a run, posts a comment, publishes a week). They load it then, with `import()`, rather than
 * with the page: it is about 9 kB gzipped (with superjson) that the first render does not use. Forms call
 * `preloadTrpc` when the person starts using them, so it has arrived by the time they submit.
 * After a change, such pages call `router.refresh()` to render the server's data again.
 */

let loading: Promise<TrpcClient> | undefined;

export function loadTrpc(): Promise<TrpcClient> {
  loading ??= import("./client").then(
    ({ makeTrpcClient }) => makeTrpcClient(),
    (error: unknown) => {
      // A failed download (offline for a moment) is retried on the next call.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function preloadTrpc(): void {
  loadTrpc().catch(() => {});
}

/** Calls to the server through the on-demand client; `pending` while any of them runs. */
export function useServerCall() {
  const [running, setRunning] = useState(0);
  async function call<T>(request: (trpc: TrpcClient) => Promise<T>): Promise<T> {
    setRunning((n) => n + 1);
    try {
      return await request(await loadTrpc());
    } finally {
      setRunning((n) => n - 1);
    }
  }
  return { call, pending: running > 0 };
}
