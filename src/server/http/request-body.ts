/**
 * Request bodies read with a byte counter, so a limit holds for chunked bodies too (no
 * Content-Length to check up front): reading stops at the limit, and the answer is 413.
 *
 * A body left unread is not cancelled at once: cancelling closes the connection, and a client
 * still sending would see the connection reset before it read our answer. Reading simply stops
 * (TCP then holds the client back), the answer goes out, and the connection is closed a moment later.
 */

/** How long a client still sending a refused body has to read our answer before the connection closes. */
const CLOSE_AFTER_MS = 1_000;
/** A refused request's body is read and dropped up to this size, so a small one keeps its connection. */
const DISCARD_ALLOWANCE_BYTES = 64 * 1024;

function closeSoon(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  setTimeout(() => void reader.cancel().catch(() => {}), CLOSE_AFTER_MS);
}

/**
 * For requests refused before their body was read (401, 403): drops a small body so the connection
 * can serve the next request, and closes the connection soon when the body is larger. Runs in the
 * background; never holds more than one chunk.
 */
export function discardBody(request: Request): void {
  if (!request.body || request.bodyUsed) return;
  const reader = request.body.getReader();
  void (async () => {
    let size = 0;
    while (size <= DISCARD_ALLOWANCE_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
    }
    closeSoon(reader);
  })().catch(() => {});
}

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
      closeSoon(reader);
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

/** 413, for a body readBodyWithin refused (it closes the connection soon after). */
export function tooLarge(body: Record<string, unknown>): Response {
  return Response.json(body, { status: 413, headers: { "cache-control": "no-store" } });
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
