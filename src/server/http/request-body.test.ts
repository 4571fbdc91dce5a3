import { describe, expect, it } from "vitest";
import { readBodyWithin, withBodyWithin } from "./request-body";

/** A chunked request body (no Content-Length) of `chunks` × `size` bytes that counts what was pulled. */
function streamingRequest(chunks: number, size: number) {
  const pulled = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks === chunks) return controller.close();
      pulled.chunks++;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  const request = new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled };
}

describe("reading a request body within a limit", () => {
  it("returns the whole body when it fits", async () => {
    const { request } = streamingRequest(4, 1000);
    expect((await readBodyWithin(request, 4000))?.byteLength).toBe(4000);
  });

  it("stops pulling at the limit of a body without Content-Length", async () => {
    const { request, pulled } = streamingRequest(1_000_000, 1000);
    expect(await readBodyWithin(request, 10_000)).toBeNull();
    expect(pulled.chunks).toBeLessThan(20);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: "x".repeat(100),
      headers: { "content-length": "100" },
    });
    expect(await readBodyWithin(request, 99)).toBeNull();
    expect(request.bodyUsed).toBe(false);
  });

  it("gives a request that can be read again, with its length declared", async () => {
    const { request } = streamingRequest(3, 10);
    const limited = await withBodyWithin(request, 100);
    expect(limited?.headers.get("content-length")).toBe("30");
    expect(await limited?.text()).toBe("a".repeat(30));
  });
});
