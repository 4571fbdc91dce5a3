import { describe, expect, it } from "vitest";
import { WRITE_MARKER_COOKIE } from "~/server/db/replica";
import { requestWriteMarker } from "./write-marker";

const withCookie = (cookie: string) => new Request("http://localhost/api/trpc/x", { headers: { cookie } });

describe("the write marker of a request", () => {
  it("is the raw value of its own cookie, among others", async () => {
    expect(await requestWriteMarker(withCookie(`a=1; ${WRITE_MARKER_COOKIE}=16/B374D848; b=2`))).toBe("16/B374D848");
    expect(await requestWriteMarker(withCookie(`${WRITE_MARKER_COOKIE}=x`))).toBe("x");
  });

  it("is absent when only a lookalike cookie is there", async () => {
    expect(
      await requestWriteMarker(withCookie(`x${WRITE_MARKER_COOKIE}=0/1; ${WRITE_MARKER_COOKIE}x=0/2`)),
    ).toBeUndefined();
    expect(await requestWriteMarker(withCookie(""))).toBeUndefined();
  });
});
