import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/**
 * Our own 404 page: Next's default one styles itself with an inline <style> element, which the
 * Content-Security-Policy (src/proxy.ts) rightly blocks.
 */
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address, or it is not yours to see.</p>
      <p className="mt-6 text-sm">
        <Link href="/dashboard" className="text-blue-700 underline">
          Back to Runbalance
        </Link>
      </p>
    </main>
  );
}
