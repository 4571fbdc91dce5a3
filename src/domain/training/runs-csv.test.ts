import { describe, expect, it } from "vitest";
import { runsToCsv } from "./runs-csv";

describe("runs as CSV", () => {
  it("writes one line per run with both units and safe quoting", () => {
    const csv = runsToCsv([
      {
        localDate: "2026-11-24",
        startedAt: new Date("2026-11-24T07:00:00Z"),
        kind: "recovery",
        durationS: 1800,
        distanceM: 5000,
        rpe: 3,
        private: false,
        notes: 'Easy, "chatty"\nnice',
        source: "manual",
      },
      {
        localDate: "2026-11-23",
        startedAt: new Date("2026-11-23T07:00:00Z"),
        kind: "tempo",
        durationS: 2400,
        distanceM: null,
        rpe: 7,
        private: true,
        notes: "=HYPERLINK()",
        source: "import",
      },
    ]);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "date,started_at_utc,kind,category,duration_s,distance_km,distance_mi,pace_s_per_km,rpe,private,source,notes",
    );
    expect(lines[1]).toBe(
      '2026-11-24,2026-11-24T07:00:00.000Z,recovery,recovery,1800,5.000,3.107,360,3,false,manual,"Easy, ""chatty""\nnice"',
    );
    expect(lines[2]).toBe("2026-11-23,2026-11-23T07:00:00.000Z,tempo,quality,2400,,,,7,true,import,'=HYPERLINK()");
  });
});
