/**
 * Writes the activity importer's test fixtures to src/server/activity-import/fixtures/.
 *
 *   npx tsx scripts/make-activity-fixtures.ts
 *
 * FIT files are encoded with Garmin's SDK Encoder; GPX and TCX are small XML written from
 * templates. Everything is deterministic (fixed timestamps, no randomness): running the script
 * again gives byte-identical files. The numbers the tests expect are noted next to each fixture.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import {
  CrcCalculator,
  Decoder,
  Encoder,
  Profile,
  Stream,
  type ActivityMesg,
  type EventMesg,
  type FileIdMesg,
  type LapMesg,
  type MesgDefinition,
  type RecordMesg,
  type SessionMesg,
} from "@garmin/fitsdk";

const OUT_DIR = path.resolve(import.meta.dirname, "../src/server/activity-import/fixtures");
const EARTH_RADIUS_M = 6_371_008.8; // the importer's haversine radius, so GPX distances come out exact
const DEG_PER_M = 180 / (Math.PI * EARTH_RADIUS_M);
const SEMICIRCLES_PER_DEG = 2 ** 31 / 180;
const START_LAT = 52.0;
const START_LON = 5.0;

function mesgNum(name: string): number {
  const num = Profile.MesgNum[name];
  if (num === undefined) throw new Error(`FIT profile has no message ${name}`);
  return num;
}

const at = (iso: string, plusS = 0) => new Date(Date.parse(iso) + plusS * 1000);

// ---------------------------------------------------------------- FIT

type Leg = {
  sport: string;
  subSport: string;
  /** Offset of the leg's start from the file start, seconds. */
  startS: number;
  /** Timer seconds per moving block; pauses between blocks. */
  blocks: Array<{ seconds: number; pauseAfterS?: number }>;
  speedMps: number;
  heartRate: (i: number) => number;
  sessionHr: number | null;
  gps: boolean;
  recordEveryS: number;
};

type Written = { timerS: number; elapsedS: number; distanceM: number; endS: number };

class FitWriter {
  readonly encoder = new Encoder();
  distance = 0;
  constructor(readonly startIso: string) {
    const fileId: FileIdMesg = {
      type: "activity",
      manufacturer: "development",
      product: 1,
      serialNumber: 12345,
      timeCreated: at(startIso),
    };
    this.encoder.onMesg(mesgNum("FILE_ID"), fileId);
  }

  event(atS: number, eventType: string): void {
    const e: EventMesg = {
      timestamp: at(this.startIso, atS),
      event: "timer",
      eventType: eventType as EventMesg["eventType"],
      eventGroup: 0,
    };
    this.encoder.onMesg(mesgNum("EVENT"), e);
  }

  record(atS: number, leg: Leg, i: number): void {
    const lat = START_LAT + this.distance * DEG_PER_M;
    const r: RecordMesg = {
      timestamp: at(this.startIso, atS),
      distance: this.distance,
      speed: leg.speedMps,
      heartRate: leg.heartRate(i),
    };
    if (leg.gps) {
      r.positionLat = Math.round(lat * SEMICIRCLES_PER_DEG);
      r.positionLong = Math.round(START_LON * SEMICIRCLES_PER_DEG);
    }
    this.encoder.onMesg(mesgNum("RECORD"), r);
  }

  /** Records every `recordEveryS` through each block; the odometer runs across legs like a watch's. */
  leg(leg: Leg): Written {
    let t = leg.startS;
    let timer = 0;
    let i = 0;
    const startDistance = this.distance;
    this.event(t, "start");
    leg.blocks.forEach((block, b) => {
      for (let s = 0; s <= block.seconds; s += leg.recordEveryS) {
        this.distance = startDistance + (timer + s) * leg.speedMps;
        this.record(t + s, leg, i++);
      }
      t += block.seconds;
      timer += block.seconds;
      if (block.pauseAfterS && b < leg.blocks.length - 1) {
        this.event(t, "stop");
        t += block.pauseAfterS;
        this.event(t, "start");
      }
    });
    this.event(t, "stopAll");
    return { timerS: timer, elapsedS: t - leg.startS, distanceM: this.distance - startDistance, endS: t };
  }

  summary(kind: "LAP" | "SESSION", leg: Leg, w: Written, index: number): void {
    const common = {
      messageIndex: index,
      timestamp: at(this.startIso, w.endS),
      startTime: at(this.startIso, leg.startS),
      totalElapsedTime: w.elapsedS,
      totalTimerTime: w.timerS,
      totalDistance: w.distanceM,
      sport: leg.sport as SessionMesg["sport"],
      subSport: leg.subSport as SessionMesg["subSport"],
      ...(leg.sessionHr === null ? {} : { avgHeartRate: leg.sessionHr }),
    };
    if (kind === "LAP") {
      const lap: LapMesg = { ...common, event: "lap", eventType: "stop" };
      this.encoder.onMesg(mesgNum("LAP"), lap);
      return;
    }
    const session: SessionMesg = { ...common, event: "session", eventType: "stop", firstLapIndex: index, numLaps: 1 };
    this.encoder.onMesg(mesgNum("SESSION"), session);
  }

  close(endS: number, sessions: number): Uint8Array {
    const activity: ActivityMesg = {
      timestamp: at(this.startIso, endS),
      numSessions: sessions,
      type: "manual",
      event: "activity",
      eventType: "stop",
    };
    this.encoder.onMesg(mesgNum("ACTIVITY"), activity);
    return this.encoder.close();
  }
}

/** Legs written one after another; each gets its lap and session right after its records. */
function encodeActivity(startIso: string, legs: Leg[]): Uint8Array {
  const writer = new FitWriter(startIso);
  let end = 0;
  legs.forEach((leg, index) => {
    const written = writer.leg(leg);
    writer.summary("LAP", leg, written, index);
    writer.summary("SESSION", leg, written, index);
    end = written.endS;
  });
  return writer.close(end, legs.length);
}

const run = (over: Partial<Leg>): Leg => ({
  sport: "running",
  subSport: "generic",
  startS: 0,
  blocks: [{ seconds: 600 }],
  speedMps: 3,
  heartRate: (i) => 140 + (i % 21), // mean 150, so a session value of 151 proves the summary wins
  sessionHr: 151,
  gps: true,
  recordEveryS: 5,
  ...over,
});

/** 600 s, 1800 m, session HR 151. */
const plainRun = () => encodeActivity("2024-03-10T07:30:00Z", [run({})]);

/** 300 s + 120 s pause + 300 s: timer 600 < elapsed 720, 1800 m, HR 152. */
const pausedRun = () =>
  encodeActivity("2024-03-11T07:30:00Z", [
    run({ blocks: [{ seconds: 300, pauseAfterS: 120 }, { seconds: 300 }], sessionHr: 152 }),
  ]);

/** Treadmill, no GPS, no session HR: 900 s, 2520 m; records 130 bpm then 150 bpm → ~140 from records. */
const treadmillRun = () =>
  encodeActivity("2024-03-12T18:00:00Z", [
    run({
      subSport: "treadmill",
      blocks: [{ seconds: 900 }],
      speedMps: 2.8,
      gps: false,
      sessionHr: null,
      heartRate: (i) => (i < 90 ? 130 : 150),
    }),
  ]);

/** Run 600 s/1800 m, T1, bike 1200 s/9600 m, T2, run 900 s/2700 m. */
function multisport(): Uint8Array {
  const legs: Leg[] = [
    run({ startS: 0, recordEveryS: 10, sessionHr: 150 }),
    run({ sport: "transition", startS: 600, blocks: [{ seconds: 60 }], speedMps: 1, recordEveryS: 10, sessionHr: 140 }),
    run({
      sport: "cycling",
      subSport: "road",
      startS: 660,
      blocks: [{ seconds: 1200 }],
      speedMps: 8,
      recordEveryS: 20,
      sessionHr: 145,
    }),
    run({
      sport: "transition",
      startS: 1860,
      blocks: [{ seconds: 45 }],
      speedMps: 1,
      recordEveryS: 15,
      sessionHr: 142,
    }),
    run({ startS: 1905, blocks: [{ seconds: 900 }], recordEveryS: 10, sessionHr: 160 }),
  ];
  return encodeActivity("2024-04-06T08:00:00Z", legs);
}

/** The plain run with its last 5 bytes cut: the CRC and the tail of the activity message are gone. */
const truncatedRun = () => plainRun().slice(0, -5);

// ------------------------------------------------- FIT with compressed timestamps

/**
 * The SDK Encoder cannot write compressed-timestamp records, so records are encoded without a
 * timestamp and their 1-byte headers are then rewritten to the compressed form (local message
 * number in bits 5-6, time offset in bits 0-4), and the CRC recomputed. 300 s at 2.5 m/s = 750 m;
 * the session comes after the records, so it is only readable if the importer gets past them.
 */
function compressedTimestamps(): Uint8Array {
  const startIso = "1990-01-02T03:00:00Z"; // a device clock, as on the old devices that write these
  const encoder = new Encoder();
  const fileId: FileIdMesg = {
    type: "activity",
    manufacturer: "development",
    product: 2,
    serialNumber: 777,
    timeCreated: at(startIso),
  };
  encoder.onMesg(mesgNum("FILE_ID"), fileId);
  const first: RecordMesg = { timestamp: at(startIso), distance: 0, heartRate: 120 };
  encoder.onMesg(mesgNum("RECORD"), first);
  for (let s = 5; s <= 300; s += 5) {
    const r: RecordMesg = { distance: s * 2.5, heartRate: 120 + (s % 40) };
    encoder.onMesg(mesgNum("RECORD"), r);
  }
  const session: SessionMesg = {
    timestamp: at(startIso, 300),
    startTime: at(startIso),
    totalElapsedTime: 300,
    totalTimerTime: 300,
    totalDistance: 750,
    sport: "running",
    event: "session",
    eventType: "stop",
  };
  encoder.onMesg(mesgNum("SESSION"), session);
  return compressRecordHeaders(encoder.close(), Date.parse(startIso) / 1000);
}

/** Finds the timestamp-less records with the SDK decoder and gives them compressed headers. */
function compressRecordHeaders(bytes: Uint8Array, startUnixS: number): Uint8Array {
  const FIT_EPOCH_UNIX_S = 631065600;
  const out = Uint8Array.from(bytes);
  const stream = Stream.fromBuffer(bytes);
  let recordDef: MesgDefinition | null = null;
  let seconds = 0;
  new Decoder(stream).read({
    mesgDefinitionListener: (d) => {
      if (
        d.globalMessageNumber === mesgNum("RECORD") &&
        !d.fieldDefinitions.some((f) => f.fieldDefinitionNumber === 253)
      )
        recordDef = d;
    },
    mesgListener: (num, mesg) => {
      const def: MesgDefinition | null = recordDef;
      if (num !== mesgNum("RECORD") || "timestamp" in mesg || !def) return;
      // A compressed header has only two bits for the local message number.
      if (def.localMesgNum > 3) throw new Error("record definition got a local message number above 3");
      seconds += 5;
      const fitTime = startUnixS - FIT_EPOCH_UNIX_S + seconds;
      const headerPos = stream.position - 1 - def.messageSize;
      out[headerPos] = 0x80 | (def.localMesgNum << 5) | (fitTime & 0x1f);
    },
  });
  const crc = CrcCalculator.calculateCRC(out, 0, out.length - 2);
  out[out.length - 2] = crc & 0xff;
  out[out.length - 1] = crc >> 8;
  return out;
}

// ---------------------------------------------------------------- GPX

type GpxPoint = { t: number; distanceM: number; hr: number };

function gpxPoint(startIso: string, p: GpxPoint): string {
  const lat = (START_LAT + p.distanceM * DEG_PER_M).toFixed(7);
  const time = at(startIso, p.t).toISOString().replace(".000Z", "Z");
  return `<trkpt lat="${lat}" lon="${START_LON.toFixed(7)}"><ele>2.0</ele><time>${time}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`;
}

/**
 * A point every 20 s. Segment 1: 300 s at 3 m/s (900 m, HR 140), then 60 s standing still; a 120 s
 * pause; segment 2: 300 s at 3 m/s (900 m, HR 160). Distance 1800 m, moving 600 s, elapsed 780 s,
 * time-weighted HR (each sample counts ≤ 10 s) 50760/341 ≈ 149.
 */
function runGpx(): string {
  const startIso = "2024-05-01T06:00:00Z";
  const seg1: GpxPoint[] = [];
  for (let t = 0; t <= 300; t += 20) seg1.push({ t, distanceM: t * 3, hr: 140 });
  for (let t = 320; t <= 360; t += 20) seg1.push({ t, distanceM: 900, hr: 140 });
  const seg2: GpxPoint[] = [];
  for (let t = 480; t <= 780; t += 20) seg2.push({ t, distanceM: 900 + (t - 480) * 3, hr: 160 });
  const seg = (points: GpxPoint[]) =>
    `   <trkseg>\n${points.map((p) => `    ${gpxPoint(startIso, p)}`).join("\n")}\n   </trkseg>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="runbalance fixtures" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><time>${startIso}</time></metadata>
 <trk>
  <name>Morning run</name>
  <type>running</type>
${seg(seg1)}
${seg(seg2)}
 </trk>
</gpx>
`;
}

// ---------------------------------------------------------------- TCX

type TcxLapSpec = {
  startS: number;
  totalS: number;
  distanceM: number;
  hr: number;
  points: Array<{ t: number; d: number; hr: number }>;
};

function tcxLap(startIso: string, lap: TcxLapSpec): string {
  const iso = (s: number) => at(startIso, s).toISOString().replace(".000Z", "Z");
  const points = lap.points
    .map(
      (p) => `          <Trackpoint>
            <Time>${iso(p.t)}</Time>
            <Position><LatitudeDegrees>${(START_LAT + p.d * DEG_PER_M).toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${START_LON.toFixed(7)}</LongitudeDegrees></Position>
            <DistanceMeters>${p.d.toFixed(1)}</DistanceMeters>
            <HeartRateBpm><Value>${p.hr}</Value></HeartRateBpm>
          </Trackpoint>`,
    )
    .join("\n");
  return `      <Lap StartTime="${iso(lap.startS)}">
        <TotalTimeSeconds>${lap.totalS}</TotalTimeSeconds>
        <DistanceMeters>${lap.distanceM}</DistanceMeters>
        <AverageHeartRateBpm><Value>${lap.hr}</Value></AverageHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
${points}
        </Track>
      </Lap>`;
}

function tcx(sport: string, startIso: string, laps: TcxLapSpec[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
  <Activities>
    <Activity Sport="${sport}">
      <Id>${startIso}</Id>
${laps.map((l) => tcxLap(startIso, l)).join("\n")}
    </Activity>
  </Activities>
</TrainingCenterDatabase>
`;
}

function points(fromS: number, toS: number, everyS: number, d0: number, speed: number, hr: number) {
  const list: Array<{ t: number; d: number; hr: number }> = [];
  for (let t = fromS; t <= toS; t += everyS) list.push({ t, d: d0 + (t - fromS) * speed, hr });
  return list;
}

/**
 * Two laps: 300 s/1000 m/HR 145 and 330 s/1100 m/HR 155, a 30 s pause between. The first track
 * point comes 5 s after the lap start (as exporters do). Moving 630 s, distance 2100 m,
 * HR (145·300 + 155·330)/630 = 150, elapsed from lap start to the last point (06:11:00) = 660 s.
 */
const runTcx = () =>
  tcx("Running", "2024-05-02T06:00:00Z", [
    { startS: 0, totalS: 300, distanceM: 1000, hr: 145, points: points(5, 300, 30, 0, 3.33, 145) },
    { startS: 330, totalS: 330, distanceM: 1100, hr: 155, points: points(330, 660, 30, 1000, 3.33, 155) },
  ]);

/** A ride: 1200 s, 8000 m; the importer must skip it. */
const bikeTcx = () =>
  tcx("Biking", "2024-05-03T16:00:00Z", [
    { startS: 0, totalS: 1200, distanceM: 8000, hr: 130, points: points(0, 1200, 120, 0, 6.67, 130) },
  ]);

// ---------------------------------------------------------------- write

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const gpx = runGpx();
  const files: Record<string, Uint8Array | string> = {
    "plain-run.fit": plainRun(),
    "paused-run.fit": pausedRun(),
    "treadmill-run.fit": treadmillRun(),
    "multisport.fit": multisport(),
    "truncated-run.fit": truncatedRun(),
    "compressed-timestamps.fit": compressedTimestamps(),
    "run-with-hr.gpx": gpx,
    // mtime 0 in the gzip header (Node's default) keeps the .gz byte-identical between runs.
    "run-with-hr.gpx.gz": gzipSync(Buffer.from(gpx, "utf8"), { level: 9 }),
    "run-with-hr.tcx": runTcx(),
    "bike.tcx": bikeTcx(),
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(OUT_DIR, name), content);
    console.log(`${name.padEnd(28)} ${String(content.length).padStart(6)} bytes`);
  }
}

main();
