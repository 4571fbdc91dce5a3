/**
 * Request bodies are limited while they stream, against the production server: chunked bodies (no
 * Content-Length) over the limit of tRPC (1 MB), the activity upload (25 MB) and next-auth's
 * credentials POST are answered 413 before the client has finished sending, anonymous or signed in,
 * and three concurrent 400 MB posts leave the server's resident memory within 50 MB of where it was.
 * The bodies are generated as they are sent, never held in this process's memory.
 */
import { Agent, request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PASSWORD, type OrgFixture } from "~/test/fixtures";
import { signIn, type Session } from "../../../scripts/lib/http-client";
import { now } from "~/lib/clock";
import {
  prepareDatabase,
  residentKb,
  runFaultTest,
  startProductionServer,
  startRestartableDatabase,
  type ProductionServer,
  type RestartableDatabase,
} from "./production-server";

const MB = 1024 * 1024;
const HUGE = 400 * MB;
const MEMORY_MARGIN_KB = 50 * 1024;

interface Answer {
  status: number;
  /** Bytes this client had handed to the socket when the answer (or the failure) arrived. */
  sent: number;
  body: string;
  /** Resolves when the request is over: answered and sent, or its connection closed. */
  closed: Promise<void>;
  /** Bytes handed to the socket so far. */
  sentNow: () => number;
}

/**
 * POSTs `totalBytes` without Content-Length (Node then sends `Transfer-Encoding: chunked`), the body
 * made of `prefix` and then filler, generated chunk by chunk as the socket takes it. Stops sending
 * and closes the connection as soon as the server answers, unless `keepSending` (then only the
 * server can end it).
 */
function postChunked(
  url: string,
  totalBytes: number,
  headers: Record<string, string>,
  prefix = "",
  keepSending = false,
): Promise<Answer> {
  return new Promise((resolve) => {
    const filler = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const request = httpRequest(url, { method: "POST", headers });
    const closed = new Promise<void>((done) => request.on("close", done));
    const finish = (answer: Omit<Answer, "closed" | "sentNow">) => {
      if (answered) return;
      answered = !keepSending;
      resolve({ ...answer, closed, sentNow: () => sent });
      if (!keepSending) request.destroy();
    };
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk.slice(0, 2_000)));
      response.on("end", () => finish({ status: response.statusCode ?? 0, sent, body }));
      response.on("error", () => finish({ status: response.statusCode ?? 0, sent, body }));
    });
    request.on("error", (error) => finish({ status: 0, sent, body: String(error) }));
    const pump = () => {
      if (sent === 0 && prefix) {
        sent += Buffer.byteLength(prefix);
        request.write(prefix);
      }
      while (!answered && sent < totalBytes) {
        sent += filler.length;
        if (!request.write(filler)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/** A small chunked POST with a real body (no Content-Length): what the limits must still let through. */
function postChunkedBytes(url: string, body: Uint8Array, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          sent: body.byteLength,
          body: text,
          closed: Promise.resolve(),
          sentNow: () => body.byteLength,
        }),
      );
    });
    request.on("error", reject);
    for (let offset = 0; offset < body.byteLength; offset += 16 * 1024)
      request.write(body.subarray(offset, offset + 16 * 1024));
    request.end();
  });
}

describe.runIf(runFaultTest("request body limits test"))("request bodies limited while they stream", () => {
  let database: RestartableDatabase;
  let server: ProductionServer;
  let org: OrgFixture;
  let athlete: Session;
  const memory: string[] = [];

  beforeAll(async () => {
    database = await startRestartableDatabase("bodies");
    org = await prepareDatabase(database.url);
    server = await startProductionServer(database.url);
    athlete = await signIn(server.baseUrl, org.users.athlete1.email, FIXTURE_PASSWORD);
  });

  afterAll(async () => {
    if (memory.length > 0) console.log(`resident memory of the server:\n${memory.join("\n")}`);
    await server?.stop();
    await database?.destroy();
  });

  const trpcLog = () => `${server.baseUrl}/api/trpc/runs.log`;
  const upload = () => `${server.baseUrl}/o/${org.slug}/import/upload`;
  const credentials = () => `${server.baseUrl}/api/auth/callback/credentials`;
  const json = { "content-type": "application/json" };
  const uploadHeaders = {
    "x-runbalance-upload": "1",
    "x-file-name": "big.fit",
    "content-type": "application/octet-stream",
  };

  it("answers 413 to a chunked tRPC body over 1 MB, anonymous or signed in, before it has all arrived", async () => {
    for (const cookie of [undefined, athlete.cookie]) {
      const answer = await postChunked(
        trpcLog(),
        HUGE,
        { ...json, ...(cookie ? { cookie } : {}) },
        '{"json":{"notes":"',
      );
      expect(answer.status, answer.body).toBe(413);
      expect(answer.sent).toBeLessThan(HUGE);
    }
  });

  it("answers 413 to a chunked upload over 25 MB from a signed-in athlete, before it has all arrived", async () => {
    const answer = await postChunked(upload(), HUGE, { ...uploadHeaders, cookie: athlete.cookie });
    expect(answer.status, answer.body).toBe(413);
    expect(answer.sent).toBeLessThan(HUGE);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false });
  });

  it("closes the connection of a refused body rather than reading it to the end", async () => {
    const answer = await postChunked(trpcLog(), HUGE, json, "", true);
    expect(answer.status).toBe(413);
    await answer.closed;
    expect(answer.sentNow()).toBeLessThan(HUGE);
  });

  it("a connection that sent a body over the limit serves the next request correctly (keep-alive)", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const request = httpRequest(`${server.baseUrl}${path}`, { method, agent, headers: json });
        request.on("response", (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
        });
        request.on("error", reject);
        // Written in two parts: no Content-Length, chunked.
        if (body) request.write(body.subarray(0, body.length / 2));
        request.end(body?.subarray(body.length / 2));
      });
    try {
      expect((await send("POST", "/api/trpc/runs.log", Buffer.alloc(2 * MB, "a"))).status).toBe(413);
      for (let i = 0; i < 3; i++) expect((await send("GET", "/api/health")).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it("refuses an anonymous upload without reading its body", async () => {
    const answer = await postChunked(upload(), HUGE, uploadHeaders);
    expect(answer.status, answer.body).toBe(401);
    expect(answer.sent).toBeLessThan(HUGE);
  });

  it("answers 413 to a chunked sign-in POST far larger than any form", async () => {
    const answer = await postChunked(
      credentials(),
      HUGE,
      { "content-type": "application/x-www-form-urlencoded" },
      "email=a%40b.example&password=",
    );
    expect(answer.status, answer.body).toBe(413);
    expect(answer.sent).toBeLessThan(HUGE);
  });

  it("still accepts chunked bodies within the limits: a tRPC call and an activity file", async () => {
    const run = {
      orgSlug: org.slug,
      idempotencyKey: crypto.randomUUID(),
      run: {
        date: new Date(now().getTime() - 86_400_000).toISOString().slice(0, 10),
        time: "07:00",
        kind: "aerobic",
        durationS: 2400,
        distanceM: 6000,
        rpe: 4,
        notes: "x".repeat(1_000),
      },
    };
    const call = await postChunkedBytes(trpcLog(), new TextEncoder().encode(JSON.stringify({ json: run })), {
      ...json,
      cookie: athlete.cookie,
    });
    expect(call.status, call.body).toBe(200);

    const file = readFileSync("src/server/activity-import/fixtures/run-with-hr.gpx");
    const imported = await postChunkedBytes(upload(), file, {
      ...uploadHeaders,
      "x-file-name": "run-with-hr.gpx",
      cookie: athlete.cookie,
    });
    expect(imported.status, imported.body).toBe(200);
    expect(JSON.parse(imported.body)).toMatchObject({ ok: true });
  });

  it("three concurrent 400 MB posts (anonymous, then signed in) leave the server's memory within 50 MB", async () => {
    // Each with the answer it gets: a page (no Server Actions here) renders without reading the body.
    const targets: [string, number, (bytes: number) => Promise<Answer>][] = [
      ["tRPC", 413, (bytes) => postChunked(trpcLog(), bytes, json, '{"json":{"notes":"')],
      ["upload", 401, (bytes) => postChunked(upload(), bytes, uploadHeaders)],
      [
        "sign-in",
        413,
        (bytes) => postChunked(credentials(), bytes, { "content-type": "application/x-www-form-urlencoded" }, "email="),
      ],
      ["page", 200, (bytes) => postChunked(`${server.baseUrl}/sign-in`, bytes, { "content-type": "text/plain" })],
      // Signed in, past the session check. (A signed-in upload legitimately holds up to its 25 MB
      // limit while it is read, three of them 75 MB: measured by the test above, not here.)
      [
        "tRPC, signed in",
        413,
        (bytes) => postChunked(trpcLog(), bytes, { ...json, cookie: athlete.cookie }, '{"json":{"notes":"'),
      ],
    ];
    // Warm-up with small bodies: every route loaded and answered, so the measurement sees no first-request growth.
    for (const [, , post] of targets) await Promise.all([post(2 * MB), post(2 * MB), post(2 * MB)]);
    for (const [name, status, post] of targets) {
      const before = (await residentKb(server.pid))!;
      let peak = before;
      const sampler = setInterval(() => void residentKb(server.pid).then((kb) => (peak = Math.max(peak, kb ?? 0))), 50);
      const answers = await Promise.all([post(HUGE), post(HUGE), post(HUGE)]);
      clearInterval(sampler);
      await new Promise((r) => setTimeout(r, 500));
      const after = (await residentKb(server.pid))!;
      memory.push(
        `  ${name}: ${Math.round(before / 1024)} MB before, peak ${Math.round(peak / 1024)} MB, ` +
          `${Math.round(after / 1024)} MB after; answers ${answers.map((a) => a.status).join(", ")}`,
      );
      for (const answer of answers) {
        expect(answer.status, `${name}: ${answer.body}`).toBe(status);
        expect(answer.sent, `${name}: answered before the body ended`).toBeLessThan(HUGE);
      }
      expect(after - before, `${name}: ${memory.at(-1)}`).toBeLessThan(MEMORY_MARGIN_KB);
      expect(peak - before, `${name}: ${memory.at(-1)}`).toBeLessThan(MEMORY_MARGIN_KB);
    }
  });
});
