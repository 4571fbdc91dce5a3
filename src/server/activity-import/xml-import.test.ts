import { describe, expect, it } from "vitest";
import { parseActivityFile, type ParseSuccess } from "./index";

const NOW = new Date("2025-01-01T00:00:00Z");
const utf8 = (s: string) => new TextEncoder().encode(s);

function parsed(fileName: string, xml: string | Uint8Array): ParseSuccess {
  const result = parseActivityFile({ fileName, bytes: typeof xml === "string" ? utf8(xml) : xml }, { now: NOW });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** Points every 10 s going north at ~3 m/s. */
function gpx({ type, hrTag = "ns3:hr", count = 7 }: { type?: string; hrTag?: string; count?: number }): string {
  const pts = Array.from({ length: count }, (_, i) => {
    const time = new Date(Date.parse("2024-07-01T06:00:00Z") + i * 10_000).toISOString();
    return `<trkpt lat="${(52 + (i * 30) / 111_195.08).toFixed(7)}" lon="5"><time>${time}</time><extensions><ns3:TrackPointExtension><${hrTag}>150</${hrTag}></ns3:TrackPointExtension></extensions></trkpt>`;
  });
  return `<?xml version="1.0"?><gpx xmlns:ns3="x"><trk>${type ? `<type>${type}</type>` : ""}<trkseg>${pts.join("")}</trkseg></trk></gpx>`;
}

describe("GPX", () => {
  it("no <type>: assumed running, said so", () => {
    const result = parsed("a.gpx", gpx({}));
    expect(result.activities[0]).toMatchObject({
      sport: "running",
      avgHeartRate: 150,
      movingTimeS: 60,
      elapsedTimeS: 60,
    });
    expect(result.activities[0]?.distanceM).toBeCloseTo(180, 0);
    expect(result.warnings).toContain("GPX has no sport; assumed running");
  });

  it("a ride (named or Strava's numeric code) is skipped", () => {
    expect(parsed("a.gpx", gpx({ type: "cycling" })).skipped[0]?.sport).toBe("cycling");
    expect(parsed("a.gpx", gpx({ type: "1" })).skipped[0]?.sport).toBe("cycling");
    expect(parsed("a.gpx", gpx({ type: "9" })).activities[0]?.sport).toBe("running");
  });

  it("heart rate under other extension names", () => {
    expect(parsed("a.gpx", gpx({ type: "run", hrTag: "gpxdata:heartrate" })).activities[0]?.avgHeartRate).toBe(150);
  });

  it("a cut-off GPX is read up to the last complete point", () => {
    const xml = gpx({ type: "running", count: 13 });
    const cut = xml.slice(0, xml.lastIndexOf("<trkpt") + 20);
    const result = parsed("cut.gpx", cut);
    expect(result.activities[0]?.elapsedTimeS).toBe(110);
    expect(result.warnings.join(" ")).toMatch(/cut off/);
  });

  it("a GPX without tracks fails clearly", () => {
    const result = parseActivityFile({
      fileName: "route.gpx",
      bytes: utf8('<gpx version="1.1"><rte><rtept lat="1" lon="1"/></rte></gpx>'),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/"route\.gpx".*no track/);
  });
});

function trackpoint(iso: string, withPosition: boolean, hr = 140): string {
  const pos = withPosition
    ? "<Position><LatitudeDegrees>52</LatitudeDegrees><LongitudeDegrees>5</LongitudeDegrees></Position>"
    : "";
  return `<Trackpoint><Time>${iso}</Time>${pos}<HeartRateBpm><Value>${hr}</Value></HeartRateBpm></Trackpoint>`;
}

function activity(sport: string, start: string, { totals = true, position = true } = {}): string {
  const totalsXml = totals ? "<TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters>" : "";
  const end = new Date(Date.parse(start) + 600_000).toISOString();
  return `<Activity Sport="${sport}"><Id>${start}</Id><Lap StartTime="${start}">${totalsXml}<Track>${trackpoint(start, position)}${trackpoint(end, position)}</Track></Lap></Activity>`;
}

const tcx = (activities: string) =>
  `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>${activities}</Activities></TrainingCenterDatabase>`;

describe("TCX", () => {
  it("a TCX that lost its root element is still read, and says so", () => {
    const xml = `<?xml version='1.0' encoding='UTF-8'?>\n  <Activities>\n    ${activity("Running", "2024-07-03T06:00:00Z")}</Activities>`;
    const result = parsed("rootless.tcx", xml);
    expect(result.format).toBe("tcx");
    expect(result.activities[0]).toMatchObject({
      startTime: "2024-07-03T06:00:00Z",
      movingTimeS: 600,
      distanceM: 2000,
    });
    expect(result.warnings).toEqual([
      "the file lacks its <TrainingCenterDatabase> root element (it was damaged or cut out of a larger file); its activities were read anyway",
    ]);
  });

  it("multisport session: the run is imported, the ride skipped", () => {
    const xml = tcx(
      `<MultiSportSession><Id>2024-07-02T06:00:00Z</Id><FirstSport>${activity("Biking", "2024-07-02T06:00:00Z")}</FirstSport><NextSport><Transition/>${activity("Running", "2024-07-02T07:00:00Z")}</NextSport></MultiSportSession>`,
    );
    const result = parsed("tri.tcx", xml);
    expect(result.activities.map((a) => a.startTime)).toEqual(["2024-07-02T07:00:00Z"]);
    expect(result.skipped.map((s) => s.sport)).toEqual(["cycling"]);
  });

  it('Sport="Other" is skipped', () => {
    expect(parsed("x.tcx", tcx(activity("Other", "2024-07-03T06:00:00Z"))).skipped[0]?.sport).toBe("other");
  });

  it("laps without totals: computed from the track points", () => {
    const result = parsed("x.tcx", tcx(activity("Running", "2024-07-03T06:00:00Z", { totals: false })));
    expect(result.activities[0]?.source).toBe("track");
    expect(result.warnings.join(" ")).toMatch(/no total time/);
  });

  it("no positions at all: indoor", () => {
    const result = parsed("x.tcx", tcx(activity("Running", "2024-07-03T06:00:00Z", { position: false })));
    expect(result.activities[0]).toMatchObject({ indoor: true, movingTimeS: 600, distanceM: 2000, avgHeartRate: 140 });
  });

  it("a byte-order mark and a misleading .gpx name do not matter", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(tcx(activity("Running", "2024-07-03T06:00:00Z")))]);
    const result = parsed("export.gpx", bytes);
    expect(result.format).toBe("tcx");
    expect(result.activities).toHaveLength(1);
  });
});

/** A <trk> of points every 10 s at 3 m/s going north from `startIso`, `seconds` long. */
function trk(startIso: string, seconds: number, type?: string, latStart = 52): string {
  const pts = Array.from({ length: seconds / 10 + 1 }, (_, i) => {
    const time = new Date(Date.parse(startIso) + i * 10_000).toISOString();
    return `<trkpt lat="${(latStart + (i * 30) / 111_195.08).toFixed(7)}" lon="5"><time>${time}</time></trkpt>`;
  });
  return `<trk>${type ? `<type>${type}</type>` : ""}<trkseg>${pts.join("")}</trkseg></trk>`;
}
const gpxOf = (...tracks: string[]) => `<?xml version="1.0"?><gpx version="1.1">${tracks.join("")}</gpx>`;

describe("GPX with several tracks", () => {
  it("tracks of one outing are one run; the gaps between them are not moving time", () => {
    const result = parsed(
      "lake.gpx",
      gpxOf(
        trk("2024-07-01T06:00:00Z", 600, "running"),
        trk("2024-07-01T06:15:00Z", 10, "running", 52.02), // 5 minutes later, a 10-second piece
        trk("2024-07-01T06:17:10Z", 600, "running", 52.03),
      ),
    );
    expect(result.activities).toHaveLength(1);
    expect(result.activities[0]).toMatchObject({
      startTime: "2024-07-01T06:00:00Z",
      movingTimeS: 1210,
      elapsedTimeS: 1630,
    });
    expect(result.activities[0]?.distanceM).toBeCloseTo(3630, -1);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([
      "tracks 1, 2, 3 are one outing (less than 60 minutes apart), read as one run; the time between them is not moving time",
    ]);
  });

  it("outings hours apart stay separate runs", () => {
    const result = parsed(
      "day.gpx",
      gpxOf(trk("2024-07-01T06:00:00Z", 1800, "running"), trk("2024-07-01T18:00:00Z", 1800, "running")),
    );
    expect(result.activities.map((a) => [a.startTime, a.movingTimeS])).toEqual([
      ["2024-07-01T06:00:00Z", 1800],
      ["2024-07-01T18:00:00Z", 1800],
    ]);
  });

  it("a fragment on its own (under a minute or 100 m) is listed, not drafted", () => {
    const result = parsed(
      "day.gpx",
      gpxOf(trk("2024-07-01T06:00:00Z", 1200, "running"), trk("2024-07-01T11:00:00Z", 30, "running")),
    );
    expect(result.activities.map((a) => a.startTime)).toEqual(["2024-07-01T06:00:00Z"]);
    expect(result.skipped).toEqual([
      {
        sport: "running",
        label: "a fragment of 30 s and 90 m",
        startTime: "2024-07-01T11:00:00Z",
        reason: "30 s and 90 m of movement, under 60 s or 100 m: a fragment, not drafted as a run",
      },
    ]);
  });

  it("a run and a ride close in time stay apart: only the run is imported", () => {
    const result = parsed(
      "brick.gpx",
      gpxOf(trk("2024-07-01T06:00:00Z", 1800, "cycling"), trk("2024-07-01T06:35:00Z", 1200, "running")),
    );
    expect(result.activities.map((a) => [a.startTime, a.movingTimeS])).toEqual([["2024-07-01T06:35:00Z", 1200]]);
    expect(result.skipped.map((s) => s.sport)).toEqual(["cycling"]);
  });
});
