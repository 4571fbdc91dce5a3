import { describe, expect, it } from "vitest";
import { activityFileId, at, encodeTestFit, testRecords, type TestMesg } from "./encode-test-fit";
import { decodeFit, decodeStopWarnings } from "./fit-decode";
import { parseActivityFile, type ParseSuccess } from "./index";

const NOW = new Date("2025-01-01T00:00:00Z");
const START = "2024-06-01T07:00:00Z";

function parsed(bytes: Uint8Array, fileName = "test.fit"): ParseSuccess {
  const result = parseActivityFile({ fileName, bytes }, { now: NOW });
  if (!result.ok) throw new Error(result.error);
  return result;
}

function session(fields: Record<string, unknown>): TestMesg {
  return [
    "SESSION",
    {
      timestamp: at(START, 600),
      startTime: at(START),
      totalElapsedTime: 600,
      totalTimerTime: 600,
      totalDistance: 1800,
      sport: "running",
      ...fields,
    },
  ];
}

function lap(
  startS: number,
  seconds: number,
  distance: number,
  heartRate: number,
  extra: Record<string, unknown> = {},
): TestMesg {
  return [
    "LAP",
    {
      timestamp: at(START, startS + seconds),
      startTime: at(START, startS),
      totalElapsedTime: seconds,
      totalTimerTime: seconds,
      totalDistance: distance,
      avgHeartRate: heartRate,
      ...extra,
    },
  ];
}

describe("FIT sessions", () => {
  it("trail sub-sport is a run, kept as sub-sport", () => {
    const bytes = encodeTestFit([
      activityFileId(START),
      ...testRecords(START, 600, 10, 3, 150),
      session({ subSport: "trail" }),
    ]);
    expect(parsed(bytes).activities[0]).toMatchObject({ sport: "running", subSport: "trail", indoor: false });
  });

  it("a session start_time contradicted by its end, elapsed time and laps is corrected, with a warning", () => {
    const bytes = encodeTestFit([
      activityFileId(START),
      ...testRecords(START, 600, 10, 3, 150),
      lap(0, 600, 1800, 150),
      session({ startTime: at(START, 2700) }), // 45 minutes late
    ]);
    const result = parsed(bytes);
    expect(result.activities[0]?.startTime).toBe("2024-06-01T07:00:00Z");
    expect(result.warnings.join(" ")).toMatch(/start_time says 2024-06-01T07:45:00Z/);
  });

  it("an odd start_time without evidence against it is kept", () => {
    const bytes = encodeTestFit([activityFileId(START), session({ startTime: at(START, 2700) })]);
    const result = parsed(bytes);
    expect(result.activities[0]?.startTime).toBe("2024-06-01T07:45:00Z");
    expect(result.warnings).toEqual([]);
  });

  it("a start in the future is flagged", () => {
    const later = "2031-01-01T00:00:00Z";
    const bytes = encodeTestFit([
      activityFileId(later),
      [
        "SESSION",
        {
          timestamp: at(later, 60),
          startTime: at(later),
          totalElapsedTime: 60,
          totalTimerTime: 60,
          totalDistance: 200,
          sport: "running",
        },
      ],
    ]);
    expect(parsed(bytes).warnings.join(" ")).toMatch(/in the future/);
  });

  it("a file of only non-running sessions parses to no runs and lists them", () => {
    const bytes = encodeTestFit([activityFileId(START), session({ sport: "cycling" })]);
    const result = parsed(bytes);
    expect(result.activities).toEqual([]);
    expect(result.skipped).toEqual([
      { sport: "cycling", label: "cycling", startTime: "2024-06-01T07:00:00Z", reason: expect.any(String) },
    ]);
  });
});

describe("FIT fallbacks", () => {
  it("no session: sums the laps, HR weighted by lap time", () => {
    const bytes = encodeTestFit([
      activityFileId(START),
      ...testRecords(START, 600, 10, 3, 150),
      lap(0, 200, 700, 140, { sport: "running" }),
      lap(200, 400, 1100, 155, { sport: "running" }),
    ]);
    const result = parsed(bytes);
    expect(result.activities[0]).toMatchObject({
      movingTimeS: 600,
      elapsedTimeS: 600,
      distanceM: 1800,
      avgHeartRate: 150,
      source: "summary",
    });
    expect(result.warnings.join(" ")).toMatch(/no session summary; totals are the sum of its 2 laps/);
  });

  it("cut off mid-lap: the laps plus the records after the last lap", () => {
    const bytes = encodeTestFit([
      activityFileId(START),
      ...testRecords(START, 600, 10, 3, 150),
      lap(0, 200, 600, 150, { sport: "running" }),
      lap(200, 200, 600, 150, { sport: "running" }),
    ]);
    const result = parsed(bytes);
    expect(result.activities[0]).toMatchObject({
      movingTimeS: 600,
      elapsedTimeS: 600,
      distanceM: 1800,
      avgHeartRate: 150,
    });
    expect(result.warnings.join(" ")).toMatch(/plus what the records after the last lap show/);
  });

  it("records only: moving time is the device's timer, rebuilt from its start/stop events", () => {
    const bytes = encodeTestFit([
      activityFileId(START),
      ["EVENT", { timestamp: at(START), event: "timer", eventType: "start" }],
      ...testRecords(START, 300, 10, 3, 150).slice(0, 11),
      ["EVENT", { timestamp: at(START, 100), event: "timer", eventType: "stop" }],
      ["EVENT", { timestamp: at(START, 200), event: "timer", eventType: "start" }],
      ...testRecords(START, 300, 10, 3, 150).slice(20),
    ]);
    const result = parsed(bytes);
    expect(result.activities[0]).toMatchObject({ movingTimeS: 200, elapsedTimeS: 300, source: "track" });
    expect(result.warnings.join(" ")).toMatch(/from the device's timer events/);
  });

  it("no session and no laps: computed from the records, sport from the sport message", () => {
    const bytes = encodeTestFit([
      activityFileId(START),
      ["SPORT", { sport: "running", subSport: "street" }],
      ...testRecords(START, 600, 10, 3, 150),
    ]);
    const result = parsed(bytes);
    const activity = result.activities[0];
    expect(activity).toMatchObject({
      source: "track",
      sport: "running",
      subSport: "street",
      avgHeartRate: 150,
      movingTimeS: 600,
      elapsedTimeS: 600,
    });
    expect(activity?.distanceM).toBe(1800);
    expect(result.warnings.join(" ")).toMatch(/computed from its 61 records/);
  });

  it("records only and no sport anywhere: assumed running, said so", () => {
    const bytes = encodeTestFit([activityFileId(START), ...testRecords(START, 120, 10, 3, 150)]);
    expect(parsed(bytes).warnings).toContain("the FIT file names no sport; assumed running");
  });

  it("a FIT course is not an activity", () => {
    const bytes = encodeTestFit([
      ["FILE_ID", { type: "course", manufacturer: "development", product: 1 }],
      ...testRecords(START, 60, 10, 3, 150),
    ]);
    const result = parseActivityFile({ fileName: "route.fit", bytes });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/"route\.fit".*"course" file, not a recorded activity/);
  });
});

describe("FIT damage and chaining", () => {
  const run = () => encodeTestFit([activityFileId(START), ...testRecords(START, 600, 10, 3, 150), session({})]);
  const secondRun = () =>
    encodeTestFit([
      activityFileId("2024-06-02T07:00:00Z"),
      [
        "SESSION",
        {
          timestamp: at("2024-06-02T07:00:00Z", 300),
          startTime: at("2024-06-02T07:00:00Z"),
          totalElapsedTime: 300,
          totalTimerTime: 300,
          totalDistance: 900,
          sport: "running",
        },
      ],
    ]);

  it("a bad CRC still imports, with a warning", () => {
    const bytes = run();
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    const result = parsed(bytes);
    expect(result.activities).toHaveLength(1);
    expect(result.warnings.join(" ")).toMatch(/CRC check failed/);
  });

  it("damage mid-file: reading stops there, what came before is used", () => {
    const bytes = run();
    const recordAt = bytes.length - 200; // inside the records, before the session
    bytes.fill(0x0f, recordAt, recordAt + 30); // local message 15 was never defined
    const result = parsed(bytes);
    expect(result.warnings).toContainEqual(
      expect.stringMatching(
        /^reading stopped at byte [\d,]+ of [\d,]+: a record refers to local message type 15, which no definition before it set up; the remaining [\d,]+ bytes \(\d+ % of the file\) could not be read$/,
      ),
    );
    expect(result.activities[0]?.source).toBe("track");
  });

  it("a damaged CRC in the first of two chained files loses nothing after it", () => {
    const first = run();
    first[first.length - 1] = (first[first.length - 1] ?? 0) ^ 0xff;
    const second = secondRun();
    const result = parsed(new Uint8Array([...first, ...second]));
    expect(result.activities.map((a) => a.startTime)).toEqual(["2024-06-01T07:00:00Z", "2024-06-02T07:00:00Z"]);
    expect(result.warnings).toContain("FIT file 1 of 2 in this upload: the file is damaged: its CRC check failed");
  });

  it("a decoder fault is reported as the decoder's, with the records, laps and sessions it cost", () => {
    const head: TestMesg[] = [activityFileId(START), session({})];
    const tail: TestMesg[] = [...testRecords(START, 600, 10, 3, 150), lap(0, 600, 1800, 150)];
    const bytes = encodeTestFit([...head, ...tail]);
    const recordsStart = encodeTestFit(head).length - 2; // the encoder writes the same bytes up to its CRC
    const fault = new TypeError("Cannot read properties of undefined (reading '0')");
    expect(decodeStopWarnings(bytes, [fault], recordsStart)).toEqual([
      `Garmin's FIT decoder failed at byte ${recordsStart} of ${bytes.length.toLocaleString("en-GB")} with an internal error (TypeError: Cannot read properties of undefined (reading '0')); this is a fault of the decoder, not necessarily of the file: 61 records and 1 lap after that point could not be read`,
    ]);
  });

  it("chained FIT files are all read", () => {
    const second = secondRun();
    const bytes = new Uint8Array([...run(), ...second]);
    const result = parsed(bytes);
    expect(result.activities.map((a) => a.startTime)).toEqual(["2024-06-01T07:00:00Z", "2024-06-02T07:00:00Z"]);
    expect(result.warnings).toEqual([]);
  });

  it("a truncated second chained file is named in the warning", () => {
    const bytes = new Uint8Array([...run(), ...run().slice(0, 100)]);
    const result = parsed(bytes);
    expect(result.activities).toHaveLength(1);
    expect(result.warnings.join(" ")).toMatch(/FIT file 2 of 2 in this upload: the file is truncated/);
  });

  it("compressed-timestamp records get their timestamps rebuilt", async () => {
    const { readFileSync } = await import("node:fs");
    const bytes = new Uint8Array(readFileSync(new URL("./fixtures/compressed-timestamps.fit", import.meta.url)));
    const decoded = decodeFit(bytes);
    expect(decoded.complete).toBe(true);
    const times = (decoded.messages.recordMesgs ?? []).map((r) =>
      r.timestamp instanceof Date ? r.timestamp.toISOString() : null,
    );
    expect(times).toHaveLength(61);
    expect(times[1]).toBe("1990-01-02T03:00:05.000Z");
    expect(times[60]).toBe("1990-01-02T03:05:00.000Z");
  });
});

/**
 * A multisport file whose swim records carry both cycles and total_cycles (as a Forerunner 255
 * writes them): @garmin/fitsdk 21.217.0 threw on the first such record, so with summaries last the
 * file imported nothing, and with summaries first the run came without any of its records.
 */
describe("FIT records with cycles and total_cycles (patched SDK)", () => {
  const SWIM = "2024-06-01T06:30:00Z";
  const swimRecords: TestMesg[] = Array.from({ length: 30 }, (_, i) => [
    "RECORD",
    { timestamp: at(SWIM, i * 10), distance: i * 10, cycles: (i * 7) % 256, totalCycles: i * 7 },
  ]);
  const swimSession: TestMesg = [
    "SESSION",
    {
      timestamp: at(SWIM, 290),
      startTime: at(SWIM),
      totalElapsedTime: 290,
      totalTimerTime: 290,
      totalDistance: 290,
      sport: "swimming",
    },
  ];
  const records = [...swimRecords, ...testRecords(START, 600, 10, 3, 150)];
  const runs = (result: ParseSuccess) => result.activities.map((a) => [a.startTime, a.movingTimeS, a.distanceM]);

  it("summaries last: the run is imported and every record is read", () => {
    const bytes = encodeTestFit([activityFileId(SWIM), ...records, swimSession, session({})]);
    const result = parsed(bytes);
    expect(runs(result)).toEqual([["2024-06-01T07:00:00Z", 600, 1800]]);
    expect(result.skipped.map((s) => s.sport)).toEqual(["swimming"]);
    expect(result.warnings).toEqual([]);
    expect(decodeFit(bytes).messages.recordMesgs).toHaveLength(records.length);
  });

  it("summaries first: the run keeps its records", () => {
    const bytes = encodeTestFit([activityFileId(SWIM), swimSession, session({}), ...records]);
    const result = parsed(bytes);
    expect(result.activities[0]?.avgHeartRate).toBe(150); // from the run's records: the session has none
    expect(result.warnings).toEqual([]);
    expect(decodeFit(bytes).messages.recordMesgs).toHaveLength(records.length);
  });

  it("the real Forerunner 255 triathlon imports its run with the device's numbers", async () => {
    const { readFileSync } = await import("node:fs");
    const url = new URL("./fixtures/real/fr255-triathlon-summary-last.fit", import.meta.url);
    const bytes = new Uint8Array(readFileSync(url));
    const result = parsed(bytes, "triathlon.fit");
    expect(result.activities).toEqual([
      {
        startTime: "2023-09-02T13:56:34Z",
        movingTimeS: 1573.613,
        elapsedTimeS: 1573.613,
        distanceM: 4491.51,
        avgHeartRate: 168,
        sport: "running",
        subSport: null,
        source: "summary",
        indoor: false,
        // The run leg's own laps (two mile auto-laps and the rest), not the swim's or the bike's.
        laps: [
          { durationS: 575.649, distanceM: 1609.13, avgHeartRate: 165 },
          { durationS: 557.471, distanceM: 1609.32, avgHeartRate: 169 },
          { durationS: 440.493, distanceM: 1272.65, avgHeartRate: 171 },
        ],
      },
    ]);
    expect(result.skipped.map((s) => s.sport)).toEqual(["swimming", "transition", "cycling", "transition"]);
    expect(result.warnings).toEqual([]);
    expect(decodeFit(bytes).messages.recordMesgs).toHaveLength(4043);
  });
});
