import { describe, expect, it } from "vitest";
import { csvCell, runsToCsv } from "./runs-csv";

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
    expect(lines[2]).toBe(`2026-11-23,2026-11-23T07:00:00.000Z,tempo,quality,2400,,,,7,true,import,"'=HYPERLINK()"`);
  });
});

describe("CSV injection (OWASP): a cell can never start a formula", () => {
  it.each([
    // OWASP's own examples, exactly
    ['=1+2";=1+2', `"'=1+2"";=1+2"`],
    [`=1+2'" ;,=1+2`, `"'=1+2'"" ;,=1+2"`],
    // each character that starts a formula, at the start
    ["=SUM(A1:A9)", `"'=SUM(A1:A9)"`],
    ["+1+1", `"'+1+1"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(1)", `"'@SUM(1)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
    ["\n=1", `"'\n=1"`],
    ["\uFF1D1+1", `"'\uFF1D1+1"`],
    ["  =1+1", `"'  =1+1"`],
    // after a separator, a quote or a line break, where another reading of the file starts a cell
    ['easy;=HYPERLINK("http://evil.example")', `"'easy;=HYPERLINK(""http://evil.example"")"`],
    ["easy,=1+1", `"'easy,=1+1"`],
    ["easy, +1", `"'easy, +1"`],
    ["easy\t@cmd", `"'easy\t@cmd"`],
    ["easy|-1", `"'easy|-1"`],
    ['say "=1+1"', `"'say ""=1+1"""`],
    ["it's '=1", `"'it's '=1"`],
    ["ok\n=cmd|' /C calc'!A0", `"'ok\n=cmd|' /C calc'!A0"`],
  ])("%j → %s", (text, expected) => {
    expect(csvCell(text)).toBe(expected);
  });

  it.each([
    ["Easy run", "Easy run"],
    ["felt good - legs tired", "felt good - legs tired"],
    ["5 x 1 km @ 3:50", "5 x 1 km @ 3:50"],
    ["a, b", '"a, b"'],
    ["a; b", '"a; b"'],
    ['6" of snow', '"6"" of snow"'],
    ["", ""],
  ])("leaves harmless text readable: %j → %s", (text, expected) => {
    expect(csvCell(text)).toBe(expected);
  });

  it("leaves our own numbers alone, negative or not", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(null)).toBe("");
  });
});
