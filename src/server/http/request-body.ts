import "server-only";
/**
 * Request bodies read with a byte counter, so a limit holds for chunked bodies too (no
 * Content-Length to check up front): reading stops at the limit, and the answer is 413.
 *
 * A body left unread (over the limit, or refused before reading) is neither kept nor cancelled at
 * once. Cancelling closes the connection, and a client still sending would see it reset before it
 * read our answer; leaving it unread would leave the connection mid-body for a client that sends
 * its next request on it. So once the answer has gone out, the rest is read and dropped, at most
 * LINGER_BYTES of it (a small body ends and the connection serves the next request), and the
 * connection is closed LINGER_MS after the answer if the body has not ended by then.
 */

/** How long after our answer a client still sending a refused body has before its connection is closed. */
const LINGER_MS = 2_000;
/** How much of a refused body is read and dropped after the answer: never kept, one chunk at a time. */
const LINGER_BYTES = 16 * 1024 * 1024;

/** A request whose body is left unread: its reader, and whether our answer has gone out. */
interface Unread {
  reader?: ReadableStreamDefaultReader<Uint8Array>;
  answered: boolean;
}
const unread = new WeakMap<Request, Unread>();

function unreadOf(request: Request): Unread {
  let state = unread.get(request);
  if (!state) unread.set(request, (state = { answered: false }));
  return state;
}

/** Drops what is left of the body (up to LINGER_BYTES), closing the connection after LINGER_MS unless it ended. */
async function linger(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const close = setTimeout(() => void reader.cancel().catch(() => {}), LINGER_MS);
  let dropped = 0;
  try {
    while (dropped <= LINGER_BYTES) {
      const { done, value } = await reader.read();
      if (done) return clearTimeout(close);
      dropped += value.byteLength;
    }
    // Past that, reading stops: the timer closes the connection.
  } catch {
    clearTimeout(close); // the client went away
  }
}

function lingerWhenAnswered(state: Unread): void {
  if (state.reader && state.answered) void linger(state.reader);
}

/** `response`, noting when its body has been handed over, so an unread request body can be dealt with after it. */
function answering(request: Request, response: Response): Response {
  const state = unreadOf(request);
  const body = (response.body ?? new Response("").body!).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      flush() {
        state.answered = true;
        lingerWhenAnswered(state);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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
      unreadOf(request).reader = reader;
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
 * The answer to a request whose body is, or may be, left unread (a refusal before reading, or a body
 * readBodyWithin refused): `response`, and what is left of the body is dealt with after it.
 */
export function refuseUnread(request: Request, response: Response): Response {
  if (request.body && !request.body.locked && !request.bodyUsed) unreadOf(request).reader = request.body.getReader();
  return answering(request, response);
}

/** 413 for a body over its limit (see refuseUnread). */
export function tooLarge(request: Request, body: Record<string, unknown>): Response {
  return refuseUnread(request, Response.json(body, { status: 413, headers: { "cache-control": "no-store" } }));
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
