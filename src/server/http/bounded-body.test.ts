import { describe, expect, it } from "vitest";
import { readBodyUpTo } from "./bounded-body";

/** A streamed (chunked) body: no Content-Length says how long it is. */
function streamed(chunks: number[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      chunks.forEach((size, i) => controller.enqueue(new Uint8Array(size).fill(i)));
      controller.close();
    },
  });
  return new Request("http://localhost/upload", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBodyUpTo", () => {
  it("reads a body within the limit whole, in order", async () => {
    const bytes = await readBodyUpTo(streamed([3, 2]), 5);
    expect(Array.from(bytes ?? [])).toEqual([0, 0, 0, 1, 1]);
  });

  it("stops at the first chunk past the limit and says so", async () => {
    expect(await readBodyUpTo(streamed([3, 3, 1_000_000]), 5)).toBeNull();
  });
});
