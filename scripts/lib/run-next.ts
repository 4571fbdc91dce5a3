import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { isAlive, stopProcess } from "./embedded-postgres";
import { DATA_DIR, prepare } from "./prepare";

const APP_PID_FILE = resolve(DATA_DIR, "next.pid");

/**
 * A Next.js server left by a run killed with SIGKILL keeps its port and a dead database URL;
 * stop it before starting again.
 */
async function stopStaleNext(): Promise<void> {
  if (!existsSync(APP_PID_FILE)) return;
  const pid = Number(readFileSync(APP_PID_FILE, "utf8"));
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    console.log(`[runbalance] stopping a Next.js server left running by an earlier run (pid ${pid})`);
    await stopProcess(-pid).catch(() => stopProcess(pid));
  }
  rmSync(APP_PID_FILE, { force: true });
}

/** Prepares the database, then runs `next <command>` until it exits or we are told to stop. */
export async function runNext(command: "dev" | "start"): Promise<void> {
  await stopStaleNext();
  const prepared = await prepare();
  const nextBin = resolve("node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, command, "--port", prepared.env.PORT!], {
    stdio: "inherit",
    // Its own process group, so a stale one can be stopped whole (see stopStaleNext).
    detached: true,
    env: { ...process.env, ...prepared.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  writeFileSync(APP_PID_FILE, String(child.pid));

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) await stopProcess(child.pid!, "SIGTERM");
    await prepared.stop();
    rmSync(APP_PID_FILE, { force: true });
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 0));
}
