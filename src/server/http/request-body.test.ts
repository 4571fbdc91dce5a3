import { afterEach, describe, expect, it, vi } from "vitest";
import { readBodyWithin, refuseUnread, tooLarge, withBodyWithin } from "./request-body";

/** A chunked request body (no Content-Length) of `chunks` × `size` bytes that counts what was pulled. */
function streamingRequest(chunks: number, size: number) {
  const pulled = { chunks: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks === chunks) return controller.close();
      pulled.chunks++;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
    cancel() {
      pulled.cancelled = true;
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

describe("a body left unread", () => {
  afterEach(() => vi.useRealTimers());
  /** What at most is read of a refused body: the limit, then 16 MB dropped after the answer. */
  const chunksReadAtMost = (limit: number) => (limit + 16 * 1024 * 1024) / 1000 + 5; // + what the stream pulls ahead

  it("is not touched before the 413 has gone out, then read and dropped up to 16 MB, then closed", async () => {
    vi.useFakeTimers();
    const { request, pulled } = streamingRequest(1_000_000, 1000);
    expect(await readBodyWithin(request, 10_000)).toBeNull();
    const response = tooLarge(request, { error: "Request too large" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(pulled.chunks).toBeLessThan(20); // the answer has not been sent yet
    expect(pulled.cancelled).toBe(false);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "Request too large" });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pulled.cancelled).toBe(false); // the client has a moment to read the answer
    await vi.advanceTimersByTimeAsync(1_500);
    expect(pulled.cancelled).toBe(true);
    expect(pulled.chunks).toBeLessThan(chunksReadAtMost(10_000));
  });

  it("is dropped when refused unread and small, and its connection stays open", async () => {
    vi.useFakeTimers();
    const { request, pulled } = streamingRequest(3, 1000);
    const response = refuseUnread(request, Response.json({ error: "Please sign in." }, { status: 401 }));
    expect(response.status).toBe(401);
    await response.text();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(pulled.chunks).toBe(3);
    expect(pulled.cancelled).toBe(false);
  });

  it("is closed after the answer when refused unread and large, having read no more than 16 MB", async () => {
    vi.useFakeTimers();
    const { request, pulled } = streamingRequest(1_000_000, 1000);
    const response = refuseUnread(request, Response.json({ error: "Please sign in." }, { status: 401 }));
    await response.text();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(pulled.cancelled).toBe(true);
    expect(pulled.chunks).toBeLessThan(chunksReadAtMost(0));
  });
});
