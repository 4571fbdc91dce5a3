/** Runs once per server process before it handles requests (Next.js instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampSocketAddresses } = await import("./server/auth/socket-address");
    stampSocketAddresses();
    // The job queue's worker, unless RUNBALANCE_WORKER=off or no WORKER_DATABASE_URL (ADR 017).
    const { startInlineWorker } = await import("./server/jobs/inline");
    await startInlineWorker().catch((error: unknown) =>
      console.error("[runbalance] job queue worker did not start", error),
    );
  }
}
