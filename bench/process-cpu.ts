/**
 * CPU time used by a process and everything it started, read from /proc (Linux only): how the HTTP
 * bench tells what a request costs the app server and what it costs PostgreSQL.
 *
 * A process's own counters vanish when it exits; its time then moves into its parent's counters of
 * waited-for children (cutime, cstime). PostgreSQL ends idle backends all the time (our pools close
 * connections idle for 20 s), so a tree's time is each live process's own time plus the time of its
 * children that ended. Counting only live processes' own time made "PostgreSQL CPU/req" negative
 * (−161.50 ms) when backends that had worked hard earlier ended during a measurement.
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

export interface ProcessTimes {
  readonly pid: number;
  readonly parent: number;
  /** User + system time of the process itself (all its threads), in ms. */
  readonly ownMs: number;
  /** User + system time of its children that have ended and been waited for (and of theirs), in ms. */
  readonly endedChildrenMs: number;
}

/** One line of /proc/<pid>/stat as times; the command name (in parentheses) may contain spaces. */
export function parseStat(pid: number, stat: string, ticks = ticksPerSecond): ProcessTimes {
  // Fields after the command name: state (3), ppid (4), …, utime (14), stime (15), cutime (16), cstime (17).
  const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  const ms = (...indexes: number[]) => (indexes.reduce((sum, i) => sum + Number(fields[i]), 0) * 1000) / ticks;
  return { pid, parent: Number(fields[1]), ownMs: ms(11, 12), endedChildrenMs: ms(13, 14) };
}

function processTimes(): ProcessTimes[] {
  const times: ProcessTimes[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      times.push(parseStat(Number(entry), readFileSync(`/proc/${entry}/stat`, "utf8")));
    } catch {
      // The process ended while we looked.
    }
  }
  return times;
}

export interface TreeOptions {
  /** Subtrees left out entirely. */
  readonly exclude?: readonly number[];
  /** Leave out the root's own time and that of its ended children: only its live descendants' trees count. */
  readonly descendantsOnly?: boolean;
}

/**
 * CPU milliseconds of `root`'s tree in a process table: every live process's own time plus that of
 * its ended children, so the total only grows as processes come and go. Null when `root` is absent.
 */
export function cpuOfTree(times: readonly ProcessTimes[], root: number, options: TreeOptions = {}): number | null {
  const exclude = options.exclude ?? [];
  const children = new Map<number, ProcessTimes[]>();
  for (const t of times) children.set(t.parent, [...(children.get(t.parent) ?? []), t]);
  const self = times.find((t) => t.pid === root);
  if (!self) return null;
  let total = 0;
  const pending = [self];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (exclude.includes(next.pid)) continue;
    if (next !== self || !options.descendantsOnly) total += next.ownMs + next.endedChildrenMs;
    pending.push(...(children.get(next.pid) ?? []));
  }
  return total;
}

/**
 * CPU milliseconds (user + system, all threads, ended children included) of `root` and its
 * descendants, leaving out the subtrees of `exclude`; null where /proc is not available.
 */
export function treeCpuMs(root: number, options: TreeOptions = {}): number | null {
  let times: ProcessTimes[];
  try {
    times = processTimes();
  } catch {
    return null;
  }
  return cpuOfTree(times, root, options);
}
