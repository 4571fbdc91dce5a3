/**
 * next-auth's browser client (signIn, signOut), loaded when someone signs in or out rather than
 * with the page: no page needs its ~9 kB (gzipped) to render. Forms that will need it call
 * `preloadAuthClient` when the person starts filling them in, so it is there by the time they submit.
 */
type AuthClient = typeof import("next-auth/react");

let loading: Promise<AuthClient> | undefined;

export function loadAuthClient(): Promise<AuthClient> {
  loading ??= import("next-auth/react").catch((error: unknown) => {
    // A failed download (offline for a moment) is retried on the next attempt.
    loading = undefined;
    throw error;
  });
  return loading;
}

export function preloadAuthClient(): void {
  loadAuthClient().catch(() => {});
}
