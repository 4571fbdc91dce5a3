import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cpuOfTree, parseStat, treeCpuMs, type ProcessTimes } from "./process-cpu";

const proc = (pid: number, parent: number, ownMs: number, endedChildrenMs = 0): ProcessTimes => ({
  pid,
  parent,
  ownMs,
  endedChildrenMs,
});

describe("CPU time of a process tree", () => {
  it("reads utime, stime, cutime and cstime from /proc/<pid>/stat, whatever the command name", () => {
    const stat = "4242 (postgres: x) y) S 4000 4242 4242 0 -1 4194560 100 0 0 0 150 50 30 20 20 0 1 0 100 0 0";
    expect(parseStat(4242, stat, 100)).toEqual({ pid: 4242, parent: 4000, ownMs: 2000, endedChildrenMs: 500 });
  });

  it("never goes down when a busy backend ends between two readings", () => {
    // The bench (1) started PostgreSQL (10) and the server (20); backend 11 had worked hard earlier.
    const before = [proc(1, 0, 50), proc(10, 1, 100), proc(11, 10, 5_000), proc(12, 10, 40), proc(20, 1, 900)];
    // Backend 11 ended idle (its 5 s now count as postmaster's ended children); 12 worked 60 ms more.
    const after = [proc(1, 0, 55), proc(10, 1, 110, 5_000), proc(12, 10, 100), proc(20, 1, 1_500)];
    const database = (t: ProcessTimes[]) => cpuOfTree(t, 1, { exclude: [20], descendantsOnly: true })!;
    expect(database(after) - database(before)).toBe(70);
    expect(cpuOfTree(after, 20)! - cpuOfTree(before, 20)!).toBe(600);
  });

  it("leaves out excluded subtrees and, with descendantsOnly, the root itself", () => {
    const times = [proc(1, 0, 1_000, 7_000), proc(2, 1, 10, 3), proc(3, 2, 5), proc(4, 1, 100)];
    expect(cpuOfTree(times, 1)).toBe(8_118);
    expect(cpuOfTree(times, 1, { descendantsOnly: true })).toBe(118);
    expect(cpuOfTree(times, 1, { exclude: [4], descendantsOnly: true })).toBe(18);
    expect(cpuOfTree(times, 99)).toBeNull();
  });

  it.runIf(existsSync("/proc/self/stat"))(
    "never goes down when a real child that burnt CPU ends",
    async () => {
      // A parent whose child burns 300 ms of CPU (its own CPU time, not the wall clock's, so a busy
      // machine cannot cut it short), then waits; told to, the parent ends the child.
      const parent = spawn(
        process.execPath,
        [
          "-e",
          `const { spawn } = require("node:child_process");
           const child = spawn(process.execPath, ["-e",
             "const cpu = () => process.cpuUsage().user + process.cpuUsage().system; while (cpu() < 300000); console.log('burnt'); process.stdin.resume();"],
             { stdio: ["pipe", "pipe", "inherit"] });
           child.stdout.once("data", () => console.log("burnt"));
           process.stdin.once("data", () => child.stdin.end());
           child.on("exit", () => console.log("ended"));`,
        ],
        { stdio: ["pipe", "pipe", "inherit"] },
      );
      const said = (word: string) =>
        new Promise<void>((resolve) => {
          const listen = (chunk: Buffer) => {
            if (chunk.toString().includes(word)) {
              parent.stdout!.off("data", listen);
              resolve();
            }
          };
          parent.stdout!.on("data", listen);
        });
      try {
        await said("burnt");
        const whileAlive = treeCpuMs(parent.pid!)!;
        const ended = said("ended");
        parent.stdin!.write("end\n");
        await ended;
        const afterEnd = treeCpuMs(parent.pid!)!;
        expect(whileAlive).toBeGreaterThanOrEqual(250);
        expect(afterEnd).toBeGreaterThanOrEqual(whileAlive);
      } finally {
        parent.kill();
      }
    },
    20_000,
  );
});
