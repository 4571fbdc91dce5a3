/** Runs once per server process before it handles requests (Next.js instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampSocketAddresses } = await import("./server/auth/socket-address");
    stampSocketAddresses();
  }
}
