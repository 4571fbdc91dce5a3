import type { Metadata } from "next";
import { SavedPages } from "./saved-pages";

export const metadata: Metadata = { title: "Offline" };

/**
 * What the service worker shows for a page that needs the server when there is no connection and no
 * saved copy (ADR 018). It is precached, so it has no personal data: the saved pages it lists are
 * read in the browser from the signed-in athlete's own cache.
 */
export default function OfflinePage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">You are offline</h1>
      <p className="mt-2 text-sm text-slate-700">
        This page needs a connection. Runs you log while offline stay on this device and are sent as soon as the
        connection returns.
      </p>
      <SavedPages />
    </main>
  );
}
