/**
 * CPU time used by a process and everything it started, read from /proc (Linux only): how the HTTP
 * bench tells what a request costs the app server and what it costs PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcessTimes {
  readonly pid: number;
  readonly parent: number;
  readonly cpuMs: number;
}

function processTimes(): ProcessTimes[] {
  const times: ProcessTimes[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may contain spaces): state, ppid, …, utime (14th), stime (15th).
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      times.push({
        pid: Number(entry),
        parent: Number(fields[1]),
        cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return times;
}

/**
 * CPU milliseconds (user + system, all threads) of `root` and its descendants, leaving out the
 * subtrees of `exclude` (and `root` itself with `descendantsOnly`); null where /proc is not available.
 */
export function treeCpuMs(
  root: number,
  options: { exclude?: readonly number[]; descendantsOnly?: boolean } = {},
): number | null {
  const exclude = options.exclude ?? [];
  let times: ProcessTimes[];
  try {
    times = processTimes();
  } catch {
    return null;
  }
  const children = new Map<number, ProcessTimes[]>();
  for (const t of times) children.set(t.parent, [...(children.get(t.parent) ?? []), t]);
  const self = times.find((t) => t.pid === root);
  if (!self) return null;
  let total = 0;
  const pending = [self];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (exclude.includes(next.pid)) continue;
    if (next !== self || !options.descendantsOnly) total += next.cpuMs;
    pending.push(...(children.get(next.pid) ?? []));
  }
  return total;
}
