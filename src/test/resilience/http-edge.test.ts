/**
 * The HTTP edge of the production server, probed the way an attacker would: return paths after
 * sign-in stay on this site, hostile slugs and origins are refused with 4xx (never 500), every page
 * carries a nonce-based Content-Security-Policy, responses with personal data are `no-store`, and
 * /api/health tells anonymous callers only whether the service is up.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PASSWORD, type OrgFixture } from "~/test/fixtures";
import { signIn, trpcMutation, type Session } from "../../../scripts/lib/http-client";
import {
  prepareDatabase,
  runFaultTest,
  startProductionServer,
  startRestartableDatabase,
  type ProductionServer,
  type RestartableDatabase,
} from "./production-server";

/** Return paths an attacker would try, as they appear in the address bar (already URL-encoded). */
const HOSTILE_CALLBACKS = [
  "/%09/evil.example",
  "/%09%09/evil.example",
  "%09//evil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "/%5C/evil.example",
  "//evil.example",
  "/%2F/evil.example",
  "%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/%0D%0ALocation:%20https://evil.example",
  "/%0D",
  "/%0A",
  "%0D%0A",
  "/%00",
  "https://evil.example/",
  "https:evil.example",
  "http:%2F%2Fevil.example",
  "javascript:alert(1)",
  "/%E2%80%A8",
  "%20//evil.example",
];

describe.runIf(runFaultTest("HTTP edge test"))("the HTTP edge", () => {
  let database: RestartableDatabase;
  let server: ProductionServer;
  let org: OrgFixture;
  let athlete: Session;
  let coach: Session;
  let calendarPath: string;

  beforeAll(async () => {
    database = await startRestartableDatabase("edge");
    org = await prepareDatabase(database.url);
    server = await startProductionServer(database.url);
    athlete = await signIn(server.baseUrl, org.users.athlete1.email, FIXTURE_PASSWORD);
    coach = await signIn(server.baseUrl, org.users.coach.email, FIXTURE_PASSWORD);
    const feed = await trpcMutation<{ path: string }>(athlete, "calendarFeeds.create", { orgSlug: org.slug });
    calendarPath = feed.data!.path;
  });

  afterAll(async () => {
    await server?.stop();
    await database?.destroy();
  });

  const get = (path: string, session?: Session, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}${path}`, {
      redirect: "manual",
      ...init,
      headers: { ...(session ? { cookie: session.cookie } : {}), ...(init.headers as Record<string, string>) },
    });

  /** Where a browser would go with this Location header: tabs and newlines are dropped, as browsers do. */
  const destination = (location: string) => new URL(location.replace(/[\t\n\r]/g, ""), server.baseUrl);

  describe("return paths after sign-in", () => {
    it.each(HOSTILE_CALLBACKS)("/sign-in?callbackUrl=%s sends a signed-in user to this site, never 500", async (cb) => {
      const response = await get(`/sign-in?callbackUrl=${cb}`, athlete);
      expect(response.status).toBeGreaterThanOrEqual(300);
      expect(response.status).toBeLessThan(400);
      const location = response.headers.get("location")!;
      expect(destination(location).origin).toBe(server.baseUrl);
      expect(location).toMatch(/^\/(?![/\\])/);
      expect(location).not.toMatch(/[\u0000-\u001f\\]/);
    });

    it.each(HOSTILE_CALLBACKS)("/sign-in?callbackUrl=%s shows the form to anyone signed out, never 500", async (cb) => {
      const response = await get(`/sign-in?callbackUrl=${cb}`);
      expect(response.status).toBe(200);
      // The form's return path, as the page hands it to the form (in the RSC payload).
      const returnTo = /\\?"returnTo\\?":\\?"([^"\\]*)/.exec(await response.text())?.[1];
      expect(returnTo).toBe("/dashboard");
    });

    it("keeps a same-site return path", async () => {
      const response = await get(`/sign-in?callbackUrl=${encodeURIComponent(`/o/${org.slug}/history`)}`, athlete);
      expect(response.headers.get("location")).toBe(`/o/${org.slug}/history`);
    });

    it.each(["/%09/evil.example", "https://evil.example/", "//evil.example", "/\\evil.example"])(
      "next-auth's own callbackUrl %s is kept on this site",
      async (callbackUrl) => {
        const csrf = await get("/api/auth/csrf");
        const { csrfToken } = (await csrf.json()) as { csrfToken: string };
        const cookie = csrf.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        const response = await get("/api/auth/callback/credentials", undefined, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            csrfToken,
            email: org.users.athlete2.email,
            password: FIXTURE_PASSWORD,
            callbackUrl: decodeURIComponent(callbackUrl),
            json: "true",
          }),
        });
        expect(response.status).toBe(200);
        const { url } = (await response.json()) as { url: string };
        expect(destination(url).origin).toBe(server.baseUrl);
        expect(destination(url).pathname).not.toMatch(/^\/\//);
      },
    );
  });

  describe("hostile slugs and origins", () => {
    // "<org>" is replaced by the fixture organisation's real slug.
    const slugs = ["abc%0D%0A", "abc%0A", "abc%0D", "<org>%0D%0A", "<org>%0A", "%0D%0A", "abc%0D%0ASet-Cookie:%20x=1"];

    it.each(slugs)("pages, CSV and upload under /o/%s answer 4xx, never 500", async (raw) => {
      const slug = raw.replace("<org>", org.slug);
      const week = "2026-11-02";
      const paths = [
        `/o/${slug}`,
        `/o/${slug}/history`,
        `/o/${slug}/log`,
        `/o/${slug}/members`,
        `/o/${slug}/plan/${week}`,
        `/o/${slug}/athletes/${org.athleteIds.athlete1}`,
        `/o/${slug}/athletes/${org.athleteIds.athlete1}/week/${week}`,
        `/o/${slug}/runs/${org.runIds.public1}`,
        `/o/${slug}/runs.csv`,
      ];
      for (const session of [athlete, coach, undefined]) {
        for (const path of paths) {
          const response = await get(path, session);
          expect(response.status, `${path} (${session ? "signed in" : "anonymous"})`).toBeLessThan(500);
          if (session && response.status < 400) {
            expect(response.status, path).not.toBe(200);
            expect(response.headers.get("location") ?? "", path).not.toMatch(/[\r\n]/);
          }
        }
        const upload = await get(`/o/${slug}/import/upload`, session, {
          method: "POST",
          headers: { "x-runbalance-upload": "1", "content-type": "application/octet-stream" },
          body: "<gpx/>",
        });
        expect(upload.status, `upload (${session ? "signed in" : "anonymous"})`).toBeGreaterThanOrEqual(400);
        expect(upload.status).toBeLessThan(500);
      }
    });

    it.each(["abc\r\n", "abc\n", "\r\n", "x\r\nSet-Cookie: a=1"])("tRPC orgSlug %j answers 4xx", async (orgSlug) => {
      for (const session of [athlete, undefined]) {
        const query = encodeURIComponent(JSON.stringify({ json: { orgSlug } }));
        const read = await get(`/api/trpc/organisations.current?input=${query}`, session);
        expect(read.status).toBeGreaterThanOrEqual(400);
        expect(read.status).toBeLessThan(500);
        const write = await get("/api/trpc/calendarFeeds.create", session, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: { orgSlug } }),
        });
        expect(write.status).toBeGreaterThanOrEqual(400);
        expect(write.status).toBeLessThan(500);
      }
    });

    it("other hostile path segments answer 4xx, never 500", async () => {
      for (const path of [
        `/o/${org.slug}/plan/2026-11-02%0D%0A`,
        `/o/${org.slug}/athletes/${org.athleteIds.athlete1}/week/2026-11-02%0D%0A`,
        `/o/${org.slug}/runs/%0D%0A`,
        "/invite/%0D%0A",
        "/api/calendar/%0D%0A.ics",
      ]) {
        const response = await get(path, athlete);
        expect(response.status, path).toBeLessThan(500);
        expect(response.headers.get("location") ?? "", path).not.toMatch(/[\r\n]/);
      }
    });

    it("Origin: null is refused with 403 by tRPC and the upload, and signs nobody in, never 500", async () => {
      const trpc = await get("/api/trpc/calendarFeeds.create", athlete, {
        method: "POST",
        headers: { origin: "null", "content-type": "application/json" },
        body: JSON.stringify({ json: { orgSlug: org.slug } }),
      });
      expect(trpc.status).toBe(403);
      const upload = await get(`/o/${org.slug}/import/upload`, athlete, {
        method: "POST",
        headers: { origin: "null", "x-runbalance-upload": "1", "content-type": "application/octet-stream" },
        body: "<gpx/>",
      });
      expect(upload.status).toBe(403);
      const signInPost = await get("/api/auth/callback/credentials", undefined, {
        method: "POST",
        headers: { origin: "null", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: org.users.athlete1.email, password: FIXTURE_PASSWORD }),
      });
      expect(signInPost.status).toBeLessThan(500);
      expect(signInPost.headers.getSetCookie().join(";")).not.toMatch(/session-token=[^;]/);
      for (const origin of ["https://evil.example", "file://", "not a url"]) {
        const foreign = await get(`/o/${org.slug}/import/upload`, athlete, {
          method: "POST",
          headers: { origin, "x-runbalance-upload": "1", "content-type": "application/octet-stream" },
          body: "<gpx/>",
        });
        expect(foreign.status, origin).toBe(403);
      }
    });
  });

  describe("headers", () => {
    const pages = () => [
      { path: "/sign-in", session: undefined },
      { path: "/sign-up", session: undefined },
      { path: "/sign-out", session: athlete },
      { path: "/no-such-page", session: undefined },
      { path: `/invite/${org.invitationToken}`, session: undefined },
      { path: "/settings", session: athlete },
      { path: `/o/${org.slug}`, session: athlete },
      { path: `/o/${org.slug}/history`, session: athlete },
      { path: `/o/${org.slug}/log`, session: athlete },
      { path: `/o/${org.slug}/calendar`, session: athlete },
      { path: `/o/${org.slug}/import`, session: athlete },
      { path: `/o/${org.slug}/runs/${org.runIds.public1}`, session: athlete },
      { path: `/o/${org.slug}`, session: coach },
      { path: `/o/${org.slug}/athletes/${org.athleteIds.athlete1}`, session: coach },
      { path: `/o/${org.slug}/athletes/${org.athleteIds.athlete1}/week/2026-11-02`, session: coach },
      { path: `/o/${org.slug}/members`, session: coach },
      { path: `/o/${org.slug}/templates`, session: coach },
    ];

    it("every page carries a Content-Security-Policy whose fresh nonce is on each of Next's scripts", async () => {
      for (const { path, session } of pages()) {
        const responses = [await get(path, session), await get(path, session)];
        const nonces: string[] = [];
        for (const response of responses) {
          expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
          const policy = response.headers.get("content-security-policy") ?? "";
          // One policy: the page's replaces the static one (two would both be enforced).
          expect(policy, path).not.toContain(",");
          for (const directive of [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ])
            expect(policy, `${path}: ${directive}`).toContain(directive);
          expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
          const nonce = /script-src[^;]*'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy)?.[1];
          expect(nonce, `${path}: ${policy}`).toBeTruthy();
          nonces.push(nonce!);
          const html = await response.text();
          const scripts = html.match(/<script\b[^>]*>/g) ?? [];
          expect(scripts.length, path).toBeGreaterThan(0);
          for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
        }
        expect(nonces[0], `${path}: a new nonce per response`).not.toBe(nonces[1]);
      }
    });

    it("responses carrying personal data are never stored by caches", async () => {
      const query = encodeURIComponent(JSON.stringify({ json: { orgSlug: org.slug } }));
      const personal: [string, Promise<Response>][] = [
        ...pages()
          .filter((p) => p.session)
          .map(({ path, session }) => [path, get(path, session)] as [string, Promise<Response>]),
        ["tRPC query", get(`/api/trpc/organisations.current?input=${query}`, athlete)],
        ["tRPC batch", get(`/api/trpc/organisations.current,me.get?batch=1&input=${query}`, athlete)],
        ["tRPC refusal", get(`/api/trpc/organisations.current?input=${query}`)],
        [
          "tRPC mutation",
          get("/api/trpc/calendarFeeds.create", coach, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ json: { orgSlug: org.slug } }),
          }),
        ],
        ["CSV", get(`/o/${org.slug}/runs.csv`, athlete)],
        ["calendar feed", get(calendarPath)],
        ["session", get("/api/auth/session", athlete)],
        [
          "upload",
          get(`/o/${org.slug}/import/upload`, athlete, {
            method: "POST",
            headers: { "x-runbalance-upload": "1", "x-file-name": "x.gpx", "content-type": "application/octet-stream" },
            body: "<gpx/>",
          }),
        ],
      ];
      for (const [name, pending] of personal) {
        const response = await pending;
        expect(response.headers.get("cache-control") ?? "(none)", `${name} (${response.status})`).toMatch(
          /(^|[\s,])no-store([\s,]|$)/,
        );
        await response.arrayBuffer();
      }
    });

    it("/api/health tells anonymous callers up or down, and nothing else", async () => {
      const response = await get("/api/health");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    });
  });
});
