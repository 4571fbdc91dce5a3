/**
 * The coach's roster page as a browser asks for it: GET /o/<slug> on the production server, signed
 * in as the coach of 200 athletes, one request at a time (so the latency is the server's time to
 * render the whole page, not queueing), and the size of the HTML it sends, raw and gzipped here.
 */
import { gzipSync } from "node:zlib";
import type { Session } from "../scripts/lib/http-client";
import { treeCpuMs } from "./process-cpu";
import type { BenchServer } from "./server";
import { percentile, timeRuns } from "./stats";

export const ROSTER_PAGE_TARGET_P95_MS = 100;
export const ROSTER_PAGE_TARGET_KB = 300;
const WARM_UP = 5;
const RUNS = 40;

export interface RosterPageResult {
  readonly p50: number;
  readonly p95: number;
  readonly htmlKb: number;
  readonly gzipKb: number;
  /**
   * CPU per request of the app server (user + system, all its threads): unlike the latency, barely
   * inflated when other work shares the machine's cores.
   */
  readonly serverCpuMs: number | null;
  /** Links to athlete pages in the HTML: the page must still list every athlete. */
  readonly athleteLinks: number;
}

export async function benchRosterPage(server: BenchServer, coach: Session, orgSlug: string): Promise<RosterPageResult> {
  const url = `${server.baseUrl}/o/${orgSlug}`;
  let html = "";
  let cpuBefore: number | null = null;
  const samples = await timeRuns(
    async () => {
      const response = await fetch(url, { headers: { cookie: coach.cookie }, redirect: "manual" });
      html = await response.text();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    },
    { warmUp: WARM_UP, runs: RUNS, afterWarmUp: () => void (cpuBefore = treeCpuMs(server.pid)) },
  );
  const cpuAfter = treeCpuMs(server.pid);
  const serverCpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / RUNS;
  const bytes = Buffer.byteLength(html);
  const athleteLinks = new Set(html.match(new RegExp(`/o/${orgSlug}/athletes/[0-9a-f-]{36}`, "g")) ?? []).size;
  return {
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    htmlKb: bytes / 1024,
    gzipKb: gzipSync(html).length / 1024,
    serverCpuMs,
    athleteLinks,
  };
}
