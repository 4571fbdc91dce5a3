/**
 * Request bodies read with a byte counter, so a limit holds for chunked bodies too (no
 * Content-Length to check up front): reading stops at the limit, and the answer is 413.
 */

/** The body, or null when it is longer than `limit` bytes (declared or counted while it streams). */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop reading without cancelling: cancelling would reset the connection before the 413 is
      // sent. The 413 closes the connection (see tooLarge), which ends the upload.
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * 413 with `Connection: close`: the client may still be sending the rest of a body we will not
 * read; closing the connection after the answer is what stops it (keeping it open would mean
 * reading and discarding everything first).
 */
export function tooLarge(body: Record<string, unknown>): Response {
  return Response.json(body, { status: 413, headers: { connection: "close", "cache-control": "no-store" } });
}

/**
 * The same request with its body read within `limit` bytes and held in memory (a fresh Request that
 * can be read again), or null when the body is too large. Requests without a body pass unchanged.
 */
export async function withBodyWithin(request: Request, limit: number): Promise<Request | null> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBodyWithin(request, limit);
  if (body === null) return null;
  const headers = new Headers(request.headers);
  // The body is now a plain buffer of known length.
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}
