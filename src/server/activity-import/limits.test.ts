/**
 * Hostile uploads are refused by cheap checks before any decoder builds objects for them (issue #12,
 * point 7). The figures (how fast, how much memory) are measured by `npm run bench -- --only Import`,
 * not asserted here.
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { manyRecordsFit } from "./encode-test-fit";
import { MAX_DECOMPRESSED_BYTES, MAX_FILE_BYTES, MAX_POINTS, parseActivityFile, type ParseResult } from "./index";

const MB = 1024 * 1024;

function errorOf(result: ParseResult): string {
  if (result.ok) throw new Error("expected the file to be refused");
  return result.error;
}

function gpxWithPoints(count: number): string {
  const point = (i: number) =>
    `<trkpt lat="46.0" lon="14.0"><time>${new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()}</time></trkpt>`;
  const points = Array.from({ length: count }, (_, i) => point(i)).join("");
  return `<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><trkseg>${points}</trkseg></trk></gpx>`;
}

// Building a 25 MB file or inflating 95 MB takes seconds on a busy machine: generous time-outs.
describe("uploads that cannot starve the server", { timeout: 60_000 }, () => {
  it("a 25 MB FIT of 5 million records is refused by its record count", () => {
    const bytes = manyRecordsFit(5_000_000);
    expect(bytes.length).toBeLessThanOrEqual(MAX_FILE_BYTES);
    const error = errorOf(parseActivityFile({ fileName: "huge.fit", bytes }));
    expect(error).toBe(
      `"huge.fit" could not be imported: it holds more than 250,000 records (about 69 hours at one a second), more than any single activity; it was not read`,
    );
  });

  it("a FIT one record over the limit is refused; the same file a record shorter is read", () => {
    expect(errorOf(parseActivityFile({ fileName: "over.fit", bytes: manyRecordsFit(MAX_POINTS + 1) }))).toMatch(
      /more than 250,000 records/,
    );
    const within = parseActivityFile({ fileName: "within.fit", bytes: manyRecordsFit(MAX_POINTS) });
    expect(within.ok).toBe(true);
  });

  it("a 235 KB-class .gpx.gz that inflates to 95 MB of XML is refused while inflating", () => {
    const point = `<trkpt lat="46.0" lon="14.0"><time>2024-01-01T00:00:00Z</time></trkpt>`;
    const xml = `<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>${point.repeat(Math.floor((95 * MB) / point.length))}</trkseg></trk></gpx>`;
    const bomb = gzipSync(xml, { level: 9 });
    expect(bomb.length).toBeLessThan(MB);
    const error = errorOf(parseActivityFile({ fileName: "bomb.gpx.gz", bytes: bomb }));
    expect(error).toBe(
      `"bomb.gpx.gz" could not be imported: it decompresses to more than ${MAX_DECOMPRESSED_BYTES / MB} MB, more than any single activity needs; it was not read further`,
    );
  });

  it("a GPX with more track points than the limit is refused before it is parsed", () => {
    const bytes = new TextEncoder().encode(gpxWithPoints(MAX_POINTS + 1));
    expect(bytes.length).toBeLessThan(MAX_FILE_BYTES);
    expect(errorOf(parseActivityFile({ fileName: "many.gpx", bytes }))).toMatch(
      /"many\.gpx" could not be imported: it holds more than 250,000 track points/,
    );
  });

  it("a TCX with more track points than the limit is refused too", () => {
    const point = `<Trackpoint><Time>2024-01-01T00:00:00Z</Time></Trackpoint>`;
    const xml = `<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap StartTime="2024-01-01T00:00:00Z"><Track>${point.repeat(MAX_POINTS + 1)}</Track></Lap></Activity></Activities></TrainingCenterDatabase>`;
    expect(errorOf(parseActivityFile({ fileName: "many.tcx", bytes: new TextEncoder().encode(xml) }))).toMatch(
      /more than 250,000 track points/,
    );
  });
});
