/**
 * The worker pool with the real parse worker (started through tsx). Outcomes and orders are asserted,
 * never durations: the files are chosen so that the order cannot depend on the machine's speed (a
 * 24 MB GPX takes seconds of CPU, a 3 KB FIT a few milliseconds).
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startTsWorker } from "~/test/ts-worker";
import { parseActivityFile, type ParseResult } from "./index";
import { ParsePool, ParserBusyError, type ParsePoolOptions } from "./parse-pool";

const MB = 1024 * 1024;
const WORKER = new URL("./parse-worker.ts", import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

/** A GPX of `count` points with elevation and heart rate, ~125 bytes each (190,000: 24 MB, seconds of CPU). */
function gpx(count: number): Uint8Array {
  const start = Date.UTC(2024, 0, 1);
  const points = Array.from(
    { length: count },
    (_, i) =>
      `<trkpt lat="${(46 + i * 1e-5).toFixed(6)}" lon="14.0"><ele>300</ele><time>${new Date(start + i * 1000).toISOString()}</time><extensions><hr>150</hr></extensions></trkpt>\n`,
  );
  const xml = `<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><trkseg>\n${points.join("")}</trkseg></trk></gpx>`;
  return new TextEncoder().encode(xml);
}

let ultra: Uint8Array | undefined;
/** 53 hours at one point a second: just under the 25 MB upload limit. */
const largeGpx = () => (ultra ??= gpx(190_000));

const pools: ParsePool[] = [];
function pool(options: Partial<ParsePoolOptions> = {}): ParsePool {
  const created = new ParsePool({
    size: 1,
    budgetMs: 120_000,
    maxPerOwner: 8,
    maxQueuedBytes: 100 * MB,
    maxHeapMb: 1024,
    spawn: (resourceLimits) => startTsWorker(WORKER, { resourceLimits }),
    ...options,
  });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function errorOf(result: ParseResult): string {
  if (result.ok) throw new Error("expected the file to be refused");
  return result.error;
}

// Starting a worker through tsx takes a few seconds on a busy machine; large files take more.
describe("the parse pool", { timeout: 120_000 }, () => {
  it("parses on a worker thread with the same result as in the process", async () => {
    const bytes = fixture("plain-run.fit");
    const result = await pool().parse("ada", "plain-run.fit", bytes);
    expect(result).toEqual(parseActivityFile({ fileName: "plain-run.fit", bytes }));
  });

  it("one user's files wait for each other, not in front of another user's", async () => {
    const parser = pool({ size: 1 });
    const finished: string[] = [];
    const send = (owner: string, name: string) =>
      parser.parse(owner, name, fixture("plain-run.fit")).then(() => finished.push(name));
    const all = [send("ada", "ada-1"), send("ada", "ada-2"), send("ada", "ada-3"), send("ben", "ben-1")];
    await Promise.all(all);
    expect(finished).toEqual(["ada-1", "ben-1", "ada-2", "ada-3"]);
  });

  it("another user's small file is read while a large one is being parsed", async () => {
    const parser = pool({ size: 2 });
    const finished: string[] = [];
    const large = parser.parse("ada", "long.gpx", gpx(50_000)).then((r) => finished.push(`long ${r.ok}`));
    const small = parser
      .parse("ben", "plain-run.fit", fixture("plain-run.fit"))
      .then((r) => finished.push(`small ${r.ok}`));
    await Promise.all([large, small]);
    expect(finished).toEqual(["small true", "long true"]);
  });

  it("a file past its time budget is stopped, and the next file gets a fresh worker", async () => {
    const parser = pool({ size: 1, budgetMs: 1_000 });
    const stopped = await parser.parse("ada", "ultra.gpx", largeGpx());
    expect(errorOf(stopped)).toBe(
      `"ultra.gpx" could not be imported: reading it took longer than 1 s, the most one file may take; it was stopped`,
    );
    const next = await parser.parse("ada", "plain-run.fit", fixture("plain-run.fit"));
    expect(next.ok).toBe(true);
  });

  it("a file that needs more memory than a worker may use is stopped with that reason", async () => {
    const parser = pool({ size: 1, maxHeapMb: 32 });
    const result = await parser.parse("ada", "ultra.gpx", largeGpx());
    expect(errorOf(result)).toBe(
      `"ultra.gpx" could not be imported: reading it needed more than 32 MB of memory, the most one file may use; it was stopped`,
    );
    expect((await parser.parse("ada", "plain-run.fit", fixture("plain-run.fit"))).ok).toBe(true);
  });

  it("refuses at once a user's file beyond their limit, and any file beyond the server's waiting room", async () => {
    const parser = pool({ size: 1, maxPerOwner: 2, maxQueuedBytes: 10_000 });
    const bytes = fixture("plain-run.fit"); // 2,704 bytes
    const accepted = [parser.parse("ada", "1.fit", bytes), parser.parse("ada", "2.fit", bytes)];
    await expect(parser.parse("ada", "3.fit", bytes)).rejects.toMatchObject({
      name: "ParserBusyError",
      scope: "owner",
      message: `"3.fit" was not read: 2 of your files are already being read; send it again when they are done.`,
    });
    accepted.push(parser.parse("ben", "4.fit", bytes));
    const refused = parser.parse("cy", "5.fit", bytes);
    await expect(refused).rejects.toBeInstanceOf(ParserBusyError);
    await expect(refused).rejects.toMatchObject({ scope: "server" });
    expect((await Promise.all(accepted)).map((r) => r.ok)).toEqual([true, true, true]);
  });
});
