import { describe, expect, it } from "vitest";
import { isSafeReturnPath, safeRedirectUrl, safeReturnPath } from "./safe-return-path";

/** As the page receives them: the query string already percent-decoded once by the framework. */
const REFUSED: [string, unknown][] = [
  ["tab after the slash (browsers drop it: //evil.example)", "/\t/evil.example"],
  ["tab before the slashes", "\t//evil.example"],
  ["two tabs", "/\t\t/evil.example"],
  ["line feed", "/\n/evil.example"],
  ["carriage return", "/\r/evil.example"],
  ["CR LF header injection", "/\r\nLocation: https://evil.example"],
  ["lone CR", "/\r"],
  ["lone LF", "/\n"],
  ["NUL", "/\u0000"],
  ["DEL", "/a\u007F"],
  ["C1 control (NEL)", "/a\u0085"],
  ["Unicode line separator", "/a\u2028"],
  ["backslash after the slash", "/\\evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["slash backslash slash", "/\\/evil.example"],
  ["backslash inside", "/o/x\\y"],
  ["scheme-relative", "//evil.example"],
  ["three slashes", "///evil.example"],
  ["encoded tab", "/%09/evil.example"],
  ["encoded slashes", "/%2F/evil.example"],
  ["encoded slashes, lower case", "/%2f%2fevil.example"],
  ["encoded leading slashes", "%2F%2Fevil.example"],
  ["double-encoded slashes", "/%252F%252Fevil.example"],
  ["triple-encoded slashes", "/%25252F%25252Fevil.example"],
  ["encoded backslash", "/%5Cevil.example"],
  ["encoded backslash, lower case", "/%5cevil.example"],
  ["encoded CR LF", "/%0D%0ASet-Cookie:%20a=1"],
  ["encoded CR", "/%0D"],
  ["encoded LF", "/%0a"],
  ["encoded NUL", "/%00"],
  ["malformed escape", "/%E0%A4%A"],
  ["absolute https", "https://evil.example/"],
  ["absolute, no slashes", "https:evil.example"],
  ["absolute with encoded slashes", "http:%2F%2Fevil.example"],
  ["absolute same-looking host", "http://localhost:3000/dashboard"],
  ["javascript:", "javascript:alert(1)"],
  ["encoded javascript:", "javascript%3Aalert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["relative path", "dashboard"],
  ["leading space", " //evil.example"],
  ["empty", ""],
  ["too long", `/${"a".repeat(3000)}`],
  ["not a string (repeated query parameter)", ["/a", "/b"]],
  ["undefined", undefined],
  ["null", null],
];

const ACCEPTED = [
  "/dashboard",
  "/o/riverside-rc",
  "/o/riverside-rc/history?from=2026-11-01#week",
  "/invite/tok_abc123",
  "/o/x/runs/1?note=caf%C3%A9",
  "/a/b//c",
  "/.//evil.example", // a path on this site ("//evil.example" only as its later segments)
];

describe("safe return paths", () => {
  it.each(REFUSED)("refuses %s", (_name, candidate) => {
    expect(isSafeReturnPath(candidate)).toBe(false);
    expect(safeReturnPath(candidate)).toBe("/dashboard");
    expect(safeReturnPath(candidate, "/settings")).toBe("/settings");
  });

  it.each(ACCEPTED)("accepts %s", (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it("every accepted path resolves to this site in a browser", () => {
    for (const path of ACCEPTED)
      expect(new URL(path, "https://runbalance.example").origin).toBe("https://runbalance.example");
  });
});

describe("next-auth's redirect", () => {
  const base = "https://runbalance.example";

  it.each([
    ["/o/x/history", `${base}/o/x/history`],
    [`${base}/o/x/history?y=1`, `${base}/o/x/history?y=1`],
    [`${base}/`, `${base}/`],
    ["/\t/evil.example", `${base}/dashboard`],
    [`${base}//evil.example`, `${base}/dashboard`],
    [`${base}/\\evil.example`, `${base}/dashboard`],
    [`${base}/%09/evil.example`, `${base}/dashboard`],
    ["https://evil.example/", `${base}/dashboard`],
    [`${base}.evil.example/`, `${base}/dashboard`],
    [`${base}@evil.example/`, `${base}/dashboard`],
    ["https://runbalance.example:8443/", `${base}/dashboard`],
    ["javascript:alert(1)", `${base}/dashboard`],
    ["//evil.example", `${base}/dashboard`],
  ])("%s → %s", (url, expected) => {
    expect(safeRedirectUrl(url, base)).toBe(expected);
  });
});
