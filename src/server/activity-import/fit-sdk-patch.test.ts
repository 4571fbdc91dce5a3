/**
 * The repository's patch of @garmin/fitsdk 21.217.0 (patches/, applied by `npm ci`'s postinstall;
 * docs/upstream/garmin-fitsdk-accumulated-fields.md). These tests fail when the patch is not applied.
 */
import { Decoder, Stream } from "@garmin/fitsdk";
import { describe, expect, it } from "vitest";
import { activityFileId, at, encodeTestFit, type TestMesg } from "./encode-test-fit";

const START = "2024-01-01T00:00:00Z";

function decode(bytes: Uint8Array) {
  return new Decoder(Stream.fromBuffer(bytes)).read();
}

/** compressed_speed_distance: 12 bits of speed (cm/s), then 12 bits of distance (1/16 m), little-endian. */
function compressedSpeedDistance(speedCmS: number, sixteenthsOfMetre: number): number[] {
  const packed = (speedCmS & 0xfff) | ((sixteenthsOfMetre & 0xfff) << 12);
  return [packed & 0xff, (packed >> 8) & 0xff, (packed >> 16) & 0xff];
}

describe("@garmin/fitsdk accumulated fields (patched)", () => {
  it("reads a record whose definition lists cycles before total_cycles, and keeps counting from it", () => {
    // The encoder writes fields in key order: cycles (a component of total_cycles) comes first.
    const bytes = encodeTestFit([
      activityFileId(START),
      ["RECORD", { timestamp: at(START, 0), cycles: 44, totalCycles: 300 }],
      ["RECORD", { timestamp: at(START, 1), cycles: 46 }],
      ["RECORD", { timestamp: at(START, 2), cycles: 10 }], // 8-bit rollover: 46 → 266 → 10
    ]);
    const { messages, errors } = decode(bytes);
    expect(errors).toEqual([]);
    expect(messages.recordMesgs?.map((r) => r.totalCycles)).toEqual([300, 302, 522]);
  });

  it("seeds an accumulated field in its component's units whatever the field order", () => {
    const records = (distanceFirst: boolean): TestMesg[] => [
      [
        "RECORD",
        distanceFirst
          ? { timestamp: at(START, 0), distance: 100, compressedSpeedDistance: compressedSpeedDistance(300, 1600) }
          : { timestamp: at(START, 0), compressedSpeedDistance: compressedSpeedDistance(300, 1600), distance: 100 },
      ],
      ["RECORD", { timestamp: at(START, 1), compressedSpeedDistance: compressedSpeedDistance(300, 1648) }],
    ];
    for (const distanceFirst of [true, false]) {
      const { messages, errors } = decode(encodeTestFit([activityFileId(START), ...records(distanceFirst)]));
      expect(errors).toEqual([]);
      // 1648 sixteenths of a metre = 103 m; unpatched, the first order gives 868 m, the second throws.
      expect(messages.recordMesgs?.map((r) => r.distance)).toEqual([100, 103]);
    }
  });
});
