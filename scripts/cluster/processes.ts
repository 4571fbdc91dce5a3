/**
 * The cluster's child processes: each started in its own process group with its group id written to
 * a pid file under the state directory, so that a later run can stop whatever a crashed (SIGKILLed)
 * run left behind before it starts again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Whether any process of the group `pgid` is alive (signal 0 to the group). */
const groupAlive = (pgid: number): boolean => isAlive(-pgid);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signals a whole process group, politely then firmly; resolves once nothing of it is left. */
export async function stopGroup(pgid: number, politeSignal: NodeJS.Signals = "SIGTERM", graceMs = 8_000) {
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, politeSignal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pgid)) await sleep(50);
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    /* gone meanwhile */
  }
  while (groupAlive(pgid)) await sleep(50);
}

export interface Managed {
  name: string;
  child: ChildProcess;
  /** The process group id (= the child's pid: each child leads its own group). */
  pgid: number;
  logFile: string;
}

export class ProcessTable {
  private readonly pidDir: string;
  private readonly logDir: string;
  readonly running = new Map<string, Managed>();

  constructor(stateDir: string) {
    this.pidDir = join(stateDir, "pids");
    this.logDir = join(stateDir, "logs");
  }

  /** Stops every group a previous run recorded and still alive, then forgets them. */
  async stopStale(log: (line: string) => void): Promise<void> {
    if (!existsSync(this.pidDir)) return;
    for (const file of readdirSync(this.pidDir)) {
      const pgid = Number(readFileSync(join(this.pidDir, file), "utf8"));
      if (Number.isInteger(pgid) && pgid > 1 && groupAlive(pgid)) {
        log(`stopping ${file.replace(/\.pid$/, "")} left running by an earlier run (process group ${pgid})`);
        await stopGroup(pgid, "SIGTERM", 5_000);
      }
      rmSync(join(this.pidDir, file), { force: true });
    }
  }

  /** Starts `command` in its own process group, output to logs/<name>.log. */
  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Managed {
    mkdirSync(this.pidDir, { recursive: true });
    mkdirSync(this.logDir, { recursive: true });
    const logFile = join(this.logDir, `${name}.log`);
    const out = createWriteStream(logFile, { flags: "a" });
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    if (!child.pid) throw new Error(`could not start ${name} (${command})`);
    writeFileSync(join(this.pidDir, `${name}.pid`), String(child.pid));
    const managed = { name, child, pgid: child.pid, logFile };
    this.running.set(name, managed);
    child.once("exit", () => {
      if (this.running.get(name) === managed) this.running.delete(name);
      if (!groupAlive(managed.pgid)) rmSync(join(this.pidDir, `${name}.pid`), { force: true });
    });
    return managed;
  }

  /** SIGKILL to the whole group (a crash: no shutdown hook runs). */
  async kill(name: string): Promise<void> {
    const managed = this.running.get(name);
    if (!managed) throw new Error(`${name} is not running`);
    await stopGroup(managed.pgid, "SIGKILL");
    rmSync(join(this.pidDir, `${name}.pid`), { force: true });
  }

  async stop(name: string, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const managed = this.running.get(name);
    if (!managed) return;
    await stopGroup(managed.pgid, signal);
    rmSync(join(this.pidDir, `${name}.pid`), { force: true });
    this.running.delete(name);
  }

  /**
   * Stops everything, in waves: first what the names in `waves` do not list (the front end), then
   * each wave side by side (the PostgreSQL nodes together, the monitor last).
   */
  async stopAll(waves: string[][] = []): Promise<void> {
    const later = new Set(waves.flat());
    await Promise.all([...this.running.keys()].filter((n) => !later.has(n)).map((n) => this.stop(n)));
    for (const wave of waves) await Promise.all(wave.map((n) => this.stop(n)));
  }
}
