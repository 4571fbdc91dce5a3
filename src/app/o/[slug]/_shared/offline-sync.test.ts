import { describe, expect, it } from "vitest";
import { isUnanswered } from "./offline-sync";

describe("a queued run's failed send", () => {
  it("waits to be sent again when the server never answered, was down, or asked to wait", () => {
    expect(isUnanswered(new TypeError("Failed to fetch"))).toBe(true);
    expect(isUnanswered({ message: "fetch failed" })).toBe(true);
    for (const httpStatus of [500, 503, 401, 429]) expect(isUnanswered({ data: { httpStatus } })).toBe(true);
  });

  it("is the server's refusal, kept for the athlete, when it said no", () => {
    for (const httpStatus of [400, 403, 404, 409]) expect(isUnanswered({ data: { httpStatus } })).toBe(false);
  });
});
