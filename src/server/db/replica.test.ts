import { describe, expect, it } from "vitest";
import type { Database } from "./connection";
import {
  DB_ROUTE_HEADER,
  parseWriteMarker,
  requestReadRouting,
  WRITE_MARKER_COOKIE,
  writeMarkerCookie,
} from "./replica";

/** A stand-in handle: routing only compares it with null, and these tests run no query. */
const someReplica = {} as Database;

describe("the write marker (ADR 023)", () => {
  it("accepts PostgreSQL's LSN text only", () => {
    for (const lsn of ["0/0", "16/B374D848", "FFFFFFFF/FFFFFFFF"]) expect(parseWriteMarker(lsn)).toBe(lsn);
    for (const value of [
      undefined,
      null,
      "",
      "16/b374d848",
      "0/0 ",
      " 0/0",
      "0/0;",
      "1/2/3",
      "123456789/0",
      "0x10/0",
      "1",
    ])
      expect(parseWriteMarker(value)).toBeNull();
  });

  it("is an HttpOnly, SameSite=Lax cookie for a minute, Secure over https", () => {
    expect(writeMarkerCookie("16/B374D848", false)).toBe(
      `${WRITE_MARKER_COOKIE}=16/B374D848; Path=/; Max-Age=60; HttpOnly; SameSite=Lax`,
    );
    expect(writeMarkerCookie("0/1", true)).toMatch(/; Secure$/);
  });
});

describe("a request's read routing", () => {
  it("is absent without a replica and without the header: nothing changes", () => {
    expect(
      requestReadRouting({
        replica: null,
        markerCookie: "0/1",
        resHeaders: new Headers(),
        secure: false,
        exposeRoute: false,
      }),
    ).toBeUndefined();
  });

  it("reads the marker strictly, and writes the pool header only when exposed", () => {
    const headers = new Headers();
    const routing = requestReadRouting({
      replica: someReplica,
      markerCookie: "nonsense",
      resHeaders: headers,
      secure: false,
      exposeRoute: false,
    })!;
    expect(routing.mustSee).toBeNull();
    routing.served("replica");
    expect(headers.get(DB_ROUTE_HEADER)).toBeNull();

    const exposed = new Headers();
    const shown = requestReadRouting({
      replica: someReplica,
      markerCookie: "0/1",
      resHeaders: exposed,
      secure: true,
      exposeRoute: true,
    })!;
    expect(shown.mustSee).toBe("0/1");
    shown.served("replica");
    expect(exposed.get(DB_ROUTE_HEADER)).toBe("replica");
    shown.served("primary");
    expect(exposed.get(DB_ROUTE_HEADER)).toBe("primary,replica");
    shown.wrote("0/2");
    expect(exposed.getSetCookie()).toEqual([writeMarkerCookie("0/2", true)]);
  });
});
