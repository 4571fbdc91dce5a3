import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  MAX_DECOMPRESSED_BYTES,
  MAX_FILE_BYTES,
  parseActivityFile,
  type ParseResult,
  type ParseSuccess,
} from "./index";

const NOW = new Date("2025-01-01T00:00:00Z");

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

function parse(fileName: string, bytes: Uint8Array = fixture(fileName)): ParseResult {
  return parseActivityFile({ fileName, bytes }, { now: NOW });
}

function parsed(fileName: string, bytes?: Uint8Array): ParseSuccess {
  const result = parse(fileName, bytes);
  if (!result.ok) throw new Error(`expected ${fileName} to parse: ${result.error}`);
  return result;
}

function only(result: ParseSuccess) {
  expect(result.activities).toHaveLength(1);
  const [activity] = result.activities;
  if (!activity) throw new Error("no activity");
  return activity;
}

describe("FIT fixtures", () => {
  it("plain run: the session's numbers, not the records'", () => {
    const result = parsed("plain-run.fit");
    expect(result.format).toBe("fit");
    expect(result.warnings).toEqual([]);
    expect(only(result)).toEqual({
      startTime: "2024-03-10T07:30:00Z",
      movingTimeS: 600,
      elapsedTimeS: 600,
      distanceM: 1800,
      avgHeartRate: 151, // the session says 151; the records average 150
      sport: "running",
      subSport: null,
      source: "summary",
      indoor: false,
      laps: [{ durationS: 600, distanceM: 1800, avgHeartRate: 151 }],
    });
  });

  it("paused run: timer time is moving time, elapsed includes the pause", () => {
    const activity = only(parsed("paused-run.fit"));
    expect(activity.movingTimeS).toBe(600);
    expect(activity.elapsedTimeS).toBe(720);
    expect(activity.distanceM).toBe(1800);
    expect(activity.avgHeartRate).toBe(152);
  });

  it("treadmill run: indoor, sub-sport kept, heart rate averaged from records", () => {
    const activity = only(parsed("treadmill-run.fit"));
    expect(activity).toMatchObject({
      sport: "running",
      subSport: "treadmill",
      indoor: true,
      movingTimeS: 900,
      distanceM: 2520,
      source: "summary",
    });
    expect(activity.avgHeartRate).toBe(140); // 130 for the first half, 150 for the second
  });

  it("multisport: only the runs, the rest listed as skipped", () => {
    const result = parsed("multisport.fit");
    expect(result.activities.map((a) => [a.startTime, a.movingTimeS, a.distanceM, a.avgHeartRate])).toEqual([
      ["2024-04-06T08:00:00Z", 600, 1800, 150],
      ["2024-04-06T08:31:45Z", 900, 2700, 160],
    ]);
    expect(result.skipped.map((s) => [s.sport, s.startTime])).toEqual([
      ["transition", "2024-04-06T08:10:00Z"],
      ["cycling", "2024-04-06T08:11:00Z"],
      ["transition", "2024-04-06T08:31:00Z"],
    ]);
    expect(result.skipped.every((s) => s.reason.length > 0)).toBe(true);
  });

  it("truncated run: imported from the readable summary, with a warning", () => {
    const result = parsed("truncated-run.fit");
    expect(only(result)).toMatchObject({ movingTimeS: 600, distanceM: 1800, startTime: "2024-03-10T07:30:00Z" });
    expect(result.warnings.join(" ")).toMatch(/truncated: 5 bytes shorter/);
  });

  it("truncated before any activity data: fails with a clear error naming the file", () => {
    const result = parse("cut.fit", fixture("plain-run.fit").slice(0, 60));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fileName).toBe("cut.fit");
    expect(result.error).toContain('"cut.fit"');
    expect(result.error).toMatch(/truncated/);
  });

  it("compressed timestamps: read past them to the session; device clock flagged", () => {
    const result = parsed("compressed-timestamps.fit");
    const activity = only(result);
    expect(activity).toMatchObject({ startTime: "1990-01-02T03:00:00Z", movingTimeS: 300, distanceM: 750 });
    expect(activity.avgHeartRate).not.toBeNull(); // only the compressed records carry heart rate
    expect(result.warnings.join(" ")).toMatch(/device's own clock/);
  });
});

describe("GPX and TCX fixtures", () => {
  it("GPX: everything computed from the track", () => {
    const result = parsed("run-with-hr.gpx");
    expect(result.format).toBe("gpx");
    expect(result.warnings).toEqual([]);
    const activity = only(result);
    expect(activity).toMatchObject({
      startTime: "2024-05-01T06:00:00Z",
      sport: "running",
      source: "track",
      indoor: false,
      avgHeartRate: 149,
    });
    expect(activity.distanceM).toBeCloseTo(1800, -1); // ±5 m: coordinates are written to 7 decimals
    expect(activity.movingTimeS).toBe(600); // standing still and the pause are not moving
    expect(activity.elapsedTimeS).toBe(780);
  });

  it("TCX run: totals from the laps, elapsed to the last track point", () => {
    const result = parsed("run-with-hr.tcx");
    expect(result.format).toBe("tcx");
    expect(only(result)).toEqual({
      startTime: "2024-05-02T06:00:00Z",
      movingTimeS: 630,
      elapsedTimeS: 660,
      distanceM: 2100,
      avgHeartRate: 150,
      sport: "running",
      subSport: null,
      source: "summary",
      indoor: false,
      // The laps as the device wrote them, each with its own heart rate.
      laps: [
        { durationS: 300, distanceM: 1000, avgHeartRate: 145 },
        { durationS: 330, distanceM: 1100, avgHeartRate: 155 },
      ],
    });
  });

  it("TCX ride: skipped, not imported", () => {
    const result = parsed("bike.tcx");
    expect(result.activities).toEqual([]);
    expect(result.skipped).toEqual([
      {
        sport: "cycling",
        label: "cycling",
        startTime: "2024-05-03T16:00:00Z",
        reason: expect.stringMatching(/not running/),
      },
    ]);
  });
});

describe("bytes, names and limits", () => {
  it("gzip: same activity and same hash as the plain file", () => {
    const plain = parsed("run-with-hr.gpx");
    const gz = parsed("run-with-hr.gpx.gz");
    expect(gz.activities).toEqual(plain.activities);
    expect(gz.contentHash).toBe(plain.contentHash);
  });

  it("gzip is recognised by its magic bytes, whatever the name", () => {
    const result = parsed("upload.bin", gzipSync(fixture("plain-run.fit")));
    expect(result.format).toBe("fit");
    expect(only(result).distanceM).toBe(1800);
  });

  it("same bytes give the same content hash, whatever the name", () => {
    const a = parsed("a.fit", fixture("plain-run.fit"));
    const b = parsed("b.fit", fixture("plain-run.fit"));
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.contentHash).toBe(b.contentHash);
    expect(parsed("paused-run.fit").contentHash).not.toBe(a.contentHash);
  });

  it("a FIT file named .gpx is read as FIT, with a note", () => {
    const result = parsed("morning.gpx", fixture("plain-run.fit"));
    expect(result.format).toBe("fit");
    expect(only(result).movingTimeS).toBe(600);
    expect(result.warnings.join(" ")).toMatch(/named \.gpx but the content is FIT/);
  });

  it("garbage bytes: ok:false naming the file", () => {
    const garbage = new Uint8Array(2048).map((_, i) => (i * 37 + 11) % 256);
    const result = parse("mystery.fit", garbage);
    expect(result).toEqual({ ok: false, fileName: "mystery.fit", error: expect.stringContaining('"mystery.fit"') });
    if (!result.ok) expect(result.error).toMatch(/not a FIT, GPX or TCX file/);
  });

  it("empty file: refused", () => {
    const result = parse("empty.gpx", new Uint8Array(0));
    expect(result.ok).toBe(false);
  });

  it("oversize upload: refused before parsing", () => {
    const result = parse("huge.fit", new Uint8Array(MAX_FILE_BYTES + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/"huge\.fit".*25 MB/);
  });

  it("gzip bomb: refused when it expands past the limit", () => {
    const bomb = gzipSync(new Uint8Array(MAX_DECOMPRESSED_BYTES + 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_FILE_BYTES);
    const result = parse("bomb.fit.gz", bomb);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toContain(`decompresses to more than ${MAX_DECOMPRESSED_BYTES / 1024 / 1024} MB`);
  });

  it("cut-off gzip: reads what is there", () => {
    const gz = gzipSync(fixture("run-with-hr.gpx"));
    const result = parse("cut.gpx.gz", gz.subarray(0, Math.floor(gz.length * 0.7)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.join(" ")).toMatch(/gzip data is cut off/);
  });
});
