/**
 * A small pool of worker threads that parse uploaded files (ADR 004). It keeps one user's files from
 * holding up anyone else's:
 * - each owner (the uploading user) has at most one file parsing at a time; the others wait in
 *   their own queue, and free workers take the next file round-robin across owners;
 * - each file has a wall-clock budget and a heap limit; past either, its worker is terminated (the
 *   only way to stop synchronous parsing) and replaced, and the file is refused with the reason;
 * - the waiting room is bounded per owner and in bytes overall; beyond it an upload is refused at
 *   once (`ParserBusyError`) rather than queued behind work it cannot see.
 */
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { ParseResult } from "./types";

export type ParsePoolOptions = {
  /** Workers parsing at once. */
  size: number;
  /** Wall-clock time one file may take to parse, in ms. */
  budgetMs: number;
  /** Files one owner may have parsing or waiting. */
  maxPerOwner: number;
  /** Bytes of files waiting for a worker, over all owners. */
  maxQueuedBytes: number;
  /** V8 heap of each worker, in MB. */
  maxHeapMb: number;
  /** Starts a worker running parse-worker.ts (tests start it through tsx). */
  spawn: (resourceLimits: ResourceLimits) => Worker;
};

/** The upload was not queued: the owner has too many files in flight, or the server is full. */
export class ParserBusyError extends Error {
  override name = "ParserBusyError";
  constructor(
    message: string,
    readonly scope: "owner" | "server",
  ) {
    super(message);
  }
}

type Job = {
  id: number;
  owner: string;
  fileName: string;
  bytes: Uint8Array;
  resolve: (result: ParseResult) => void;
};

/** `ready` once the worker has loaded and said so: its start-up time is not charged to any file. */
type Slot = { worker: Worker; ready: boolean; job: Job | null; timer: NodeJS.Timeout | null };

const failure = (fileName: string, reason: string): ParseResult => ({
  ok: false,
  fileName,
  error: `"${fileName}" could not be imported: ${reason}`,
});

export class ParsePool {
  private readonly options: ParsePoolOptions;
  /** Waiting files per owner, owners in order of arrival. */
  private readonly waiting = new Map<string, Job[]>();
  /** When each owner with files in flight last had one started (a running count). */
  private readonly lastServed = new Map<string, number>();
  private served = 0;
  private readonly slots = new Set<Slot>();
  private readonly busyOwners = new Set<string>();
  private readonly inFlight = new Map<string, number>();
  private queuedBytes = 0;
  private nextId = 1;
  private closed = false;

  constructor(options: ParsePoolOptions) {
    this.options = options;
  }

  /** Parses on a worker; resolves with the result or the reason it was stopped. */
  parse(owner: string, fileName: string, bytes: Uint8Array): Promise<ParseResult> {
    const { maxPerOwner, maxQueuedBytes } = this.options;
    if ((this.inFlight.get(owner) ?? 0) >= maxPerOwner) {
      return Promise.reject(
        new ParserBusyError(
          `"${fileName}" was not read: ${maxPerOwner} of your files are already being read; send it again when they are done.`,
          "owner",
        ),
      );
    }
    if (this.queuedBytes + bytes.byteLength > maxQueuedBytes) {
      return Promise.reject(
        new ParserBusyError(
          `"${fileName}" was not read: the server is reading many files right now; please try again in a minute.`,
          "server",
        ),
      );
    }
    return new Promise<ParseResult>((resolve) => {
      const job: Job = { id: this.nextId++, owner, fileName, bytes, resolve };
      this.inFlight.set(owner, (this.inFlight.get(owner) ?? 0) + 1);
      this.queuedBytes += bytes.byteLength;
      const queue = this.waiting.get(owner);
      if (queue) queue.push(job);
      else this.waiting.set(owner, [job]);
      this.dispatch();
    });
  }

  /** Stops every worker; files still waiting or parsing are refused. */
  async close(): Promise<void> {
    const slots = [...this.slots];
    this.closed = true;
    for (let job = this.nextJob(true); job; job = this.nextJob(true)) this.finish(job, "the server is shutting down");
    for (const slot of slots) this.retire(slot, "the server is shutting down");
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** For tests and the benchmark: what the pool is doing now. */
  stats() {
    return {
      workers: this.slots.size,
      parsing: [...this.slots].flatMap((s) => (s.job ? [s.job.owner] : [])),
      waiting: [...this.waiting.values()].reduce((n, q) => n + q.length, 0),
    };
  }

  /**
   * The next file to parse: from the owner served longest ago (owners not served yet first, in order
   * of arrival), skipping owners with a file parsing unless `any`.
   */
  private nextJob(any = false): Job | null {
    let chosen: string | null = null;
    for (const [owner, queue] of this.waiting) {
      if (queue.length === 0 || (!any && this.busyOwners.has(owner))) continue;
      if (chosen === null || (this.lastServed.get(owner) ?? 0) < (this.lastServed.get(chosen) ?? 0)) chosen = owner;
    }
    const queue = chosen === null ? undefined : this.waiting.get(chosen);
    const job = queue?.shift();
    if (chosen === null || !job) return null;
    if (queue?.length === 0) this.waiting.delete(chosen);
    this.lastServed.set(chosen, ++this.served);
    this.queuedBytes -= job.bytes.byteLength;
    return job;
  }

  private dispatch(): void {
    if (this.closed) return;
    for (let slot = this.idleSlot(); slot; slot = this.idleSlot()) {
      const job = this.nextJob();
      if (!job) break;
      this.run(slot, job);
    }
    // A worker for each owner still waiting, up to the pool's size; each dispatches again when ready.
    while (this.slots.size < this.options.size && this.waitingCount() > this.startingCount()) {
      if (!this.startSlot()) break;
    }
  }

  private idleSlot(): Slot | undefined {
    return [...this.slots].find((s) => s.ready && s.job === null);
  }

  private startSlot(): boolean {
    let worker: Worker;
    try {
      worker = this.options.spawn({ maxOldGenerationSizeMb: this.options.maxHeapMb });
    } catch (error) {
      console.error("activity import: could not start a parser worker", error);
      const job = this.nextJob();
      if (job) this.finish(job, "the server could not start its file reader; please try again");
      return false;
    }
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    worker.on("message", ({ id, result, ready }: { id?: number; result?: ParseResult; ready?: boolean }) => {
      if (ready) {
        slot.ready = true;
        this.dispatch();
        // Only a worker with a file keeps the process alive (a starting one does, see below).
        if (!slot.job) worker.unref();
        return;
      }
      const job = slot.job;
      if (!result || !job || job.id !== id) return;
      this.release(slot);
      this.finish(job, result);
      this.dispatch();
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (!slot.ready) return this.failedToStart(slot, error);
      const reason =
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `reading it needed more than ${this.options.maxHeapMb} MB of memory, the most one file may use; it was stopped`
          : `the file reader failed while reading it (${error.message})`;
      this.retire(slot, reason);
    });
    worker.on("exit", (code) => {
      if (!slot.ready) return this.failedToStart(slot, new Error(`exit code ${code}`));
      this.retire(slot, "the file reader stopped while reading it; please try again");
    });
    this.slots.add(slot);
    return true;
  }

  /** A worker that died before it was ready takes one waiting file with it, so retries are bounded. */
  private failedToStart(slot: Slot, error: Error): void {
    if (!this.slots.has(slot)) return;
    console.error("activity import: a parser worker failed to start", error);
    const job = this.nextJob(true);
    if (job) this.finish(job, "the server could not start its file reader; please try again");
    this.retire(slot, "the server could not start its file reader; please try again");
  }

  private waitingCount(): number {
    let n = 0;
    for (const [owner, queue] of this.waiting) if (!this.busyOwners.has(owner)) n += queue.length > 0 ? 1 : 0;
    return n;
  }

  private startingCount(): number {
    return [...this.slots].filter((s) => !s.ready).length;
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    this.busyOwners.add(job.owner);
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const seconds = this.options.budgetMs / 1000;
      this.retire(slot, `reading it took longer than ${seconds} s, the most one file may take; it was stopped`);
    }, this.options.budgetMs);
    slot.worker.postMessage({ id: job.id, fileName: job.fileName, bytes: job.bytes });
  }

  /** The slot's file is done; the worker stays for the next one. */
  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.job) this.busyOwners.delete(slot.job.owner);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref();
  }

  /** The worker is stopped and dropped, its file (if any) refused with `reason`; a new one starts on demand. */
  private retire(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot)) return;
    const job = slot.job;
    this.release(slot);
    void slot.worker.terminate();
    if (job) this.finish(job, reason);
    this.dispatch();
  }

  /** Settles a file with its result, or refuses it with a reason. */
  private finish(job: Job, outcome: ParseResult | string): void {
    const left = (this.inFlight.get(job.owner) ?? 1) - 1;
    if (left > 0) this.inFlight.set(job.owner, left);
    else {
      this.inFlight.delete(job.owner);
      this.lastServed.delete(job.owner);
    }
    job.resolve(typeof outcome === "string" ? failure(job.fileName, outcome) : outcome);
  }
}
