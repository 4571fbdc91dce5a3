import { describe, expect, it } from "vitest";
import { selectableTimeZones } from "./browser-zone";

describe("the time zones a profile can choose", () => {
  it("lists UTC first, once, with the named zones", () => {
    const zones = selectableTimeZones("UTC");
    expect(zones[0]).toBe("UTC");
    expect(zones.filter((z) => z === "UTC")).toHaveLength(1);
    expect(zones).toContain("America/Los_Angeles");
  });

  it("keeps a profile's zone the runtime does not list, so the form cannot silently show another", () => {
    const zones = selectableTimeZones("Etc/GMT+5");
    expect(zones).toContain("Etc/GMT+5");
    expect(zones.indexOf("Etc/GMT+5")).toBeLessThan(2);
  });
});
