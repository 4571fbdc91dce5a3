/**
 * The isolation matrix: every tRPC procedure of the app router × every principal that must not reach
 * organisation A's data. The list of procedures comes from the router itself, so a new procedure
 * without an entry here fails the first test. Each entry also says which roles of A may call it: the
 * procedure's kind must declare exactly those, and refuse A's members of every other role.
 * Calls go through the app's own database login (t.app), as in production; fixtures and fingerprints
 * use the owner's.
 */
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/domain/authz/policy";
import type { SessionUser } from "~/server/data/users";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { appRouter, createCaller } from "./root";
import type { Access, ProcedureMeta } from "./trpc";
import { contextFor } from "~/test/sessions";
import { MAIL_KINDS } from "~/domain/notifications/mail-preferences";

/**
 * org:        acts on organisation A; every principal here must be refused.
 * org-member: any member of A may call it (so A's second athlete is allowed), but it must reveal
 *             nothing about another athlete.
 * self:       acts on the caller's own account only; must reveal nothing of A to outsiders.
 * public:     no sign-in needed; called with a link token that is not A's.
 */
type Scope = "org" | "org-member" | "self" | "public";
interface Case {
  scope: Scope;
  input: (a: OrgFixture) => unknown;
  /** For org scopes: the roles allowed to call it at all (what each may then do is checked inside). */
  roles?: readonly Role[];
}

const everyone: readonly Role[] = ["owner", "coach", "athlete"];
const staff: readonly Role[] = ["owner", "coach"];
const owners: readonly Role[] = ["owner"];
const athletes: readonly Role[] = ["athlete"];

const BOGUS_TOKEN = "x".repeat(43);
const org = (input: (a: OrgFixture) => Record<string, unknown> = () => ({}), roles = everyone): Case => ({
  scope: "org",
  input: (a) => ({ orgSlug: a.slug, ...input(a) }),
  roles,
});
const member = (input: (a: OrgFixture) => Record<string, unknown> = () => ({}), roles = everyone): Case => ({
  scope: "org-member",
  input: (a) => ({ orgSlug: a.slug, ...input(a) }),
  roles,
});

/** The kind a procedure must be built from, given who may call it. */
function expectedAccess(testCase: Case): Access {
  if (testCase.scope === "public") return { kind: "public" };
  if (testCase.scope === "self") return { kind: "signed-in" };
  return { kind: "member", roles: testCase.roles ?? everyone };
}

/** Organisation A's weekly template (set once the fixtures exist). */
let templateOfA = "";

const matrix: Record<string, Case> = {
  "me.get": { scope: "self", input: () => undefined },
  "auth.signUp": {
    scope: "public",
    input: () => ({
      name: "New",
      email: `new.${Math.random()}@example.com`,
      password: "long enough password",
      organisationName: "Newcomers",
    }),
  },
  "auth.confirmSignUp": { scope: "public", input: () => ({ token: "f".repeat(64) }) },
  "account.updateProfile": {
    scope: "self",
    input: () => ({ name: "Renamed", units: "mi", timeZone: "Europe/Paris", weekStartDay: 0 }),
  },
  "account.changePassword": {
    scope: "self",
    input: () => ({ currentPassword: "wrong", newPassword: "another long password" }),
  },
  "account.signOutEverywhere": { scope: "self", input: () => undefined },
  "account.mailPreferences": { scope: "self", input: () => undefined },
  "account.setMailPreferences": {
    scope: "self",
    input: () => Object.fromEntries(MAIL_KINDS.map((kind) => [kind, "never"])),
  },
  "organisations.mine": { scope: "self", input: () => undefined },
  "organisations.current": member(),
  "organisations.audit": org(undefined, owners),
  "organisations.outbox": org(undefined, owners),
  "members.list": org(undefined, owners),
  "members.changeRole": org((a) => ({ userId: a.users.owner.id, role: "athlete" }), owners),
  "members.remove": org((a) => ({ userId: a.users.coach.id }), owners),
  "members.setCoach": org(
    (a) => ({ athleteId: a.athleteIds.athlete1, coachUserId: a.users.coach.id, assigned: false }),
    owners,
  ),
  "invitations.list": org(undefined, staff),
  "invitations.create": org(() => ({ email: "intruder@example.com", role: "coach" }), staff),
  "invitations.revoke": org((a) => ({ invitationId: a.invitationId }), staff),
  "invitations.resend": org((a) => ({ invitationId: a.invitationId }), staff),
  "athletes.list": member(),
  "runs.log": org((a) => ({
    athleteId: a.athleteIds.athlete1,
    idempotencyKey: crypto.randomUUID(),
    run: { date: "2026-11-24", time: "07:00", kind: "recovery", durationS: 1800, distanceM: 5000, rpe: 2 },
  })),
  "runs.get": org((a) => ({ runId: a.runIds.private1 })),
  "runs.update": org((a) => ({
    runId: a.runIds.public1,
    run: { date: "2026-11-24", time: "07:00", kind: "tempo", durationS: 600, distanceM: 100, rpe: 9 },
  })),
  "runs.delete": org((a) => ({ runId: a.runIds.public1 })),
  "athleteWeeks.thisWeek": org((a) => ({ athleteId: a.athleteIds.athlete1 })),
  "athleteWeeks.history": org((a) => ({ athleteId: a.athleteIds.athlete1 })),
  "athleteWeeks.feedback": member(),
  "athleteWeeks.upcoming": member(undefined, athletes),
  "athletes.setRace": member(() => ({ race: null }), athletes),
  "calendarFeeds.status": member(undefined, athletes),
  "calendarFeeds.create": member(undefined, athletes),
  "calendarFeeds.revoke": member(undefined, athletes),
  "runs.allMine": member(undefined, athletes),
  "roster.list": org(undefined, staff),
  "athletes.overview": org((a) => ({ athleteId: a.athleteIds.athlete1 })),
  "weeks.get": org((a) => ({ athleteId: a.athleteIds.athlete1, weekStart: "2026-11-02" })),
  "weeks.save": org((a) => ({
    athleteId: a.athleteIds.athlete1,
    weekStart: "2026-11-02",
    version: 1,
    status: "draft",
    sessions: [],
  })),
  "planCalendar.weeks": org((a) => ({ athleteId: a.athleteIds.athlete1, from: "2026-11-02", count: 4 }), staff),
  "planCalendar.move": org(
    (a) => ({
      athleteId: a.athleteIds.athlete1,
      sessionId: "00000000-0000-4000-8000-000000000000",
      toDate: "2026-11-03",
      seen: [{ weekStart: "2026-11-02", version: 1 }],
    }),
    staff,
  ),
  "planCalendar.copy": org(
    (a) => ({
      athleteId: a.athleteIds.athlete1,
      sourceFrom: "2026-11-02",
      sourceTo: "2026-11-08",
      targetFrom: "2026-11-30",
      seen: [{ weekStart: "2026-11-30", version: null }],
    }),
    staff,
  ),
  "planCalendar.remove": org(
    (a) => ({
      athleteId: a.athleteIds.athlete1,
      sessionIds: ["00000000-0000-4000-8000-000000000000"],
      seen: [{ weekStart: "2026-11-02", version: 1 }],
    }),
    staff,
  ),
  "templates.list": org(undefined, staff),
  "templates.create": org(
    () => ({
      name: "Intruder week",
      sessions: [{ day: 0, kind: "tempo", durationMin: 30, distanceM: null, targetRpe: 7, description: "" }],
    }),
    staff,
  ),
  "templates.delete": org(() => ({ templateId: templateOfA }), staff),
  "templates.assign": org(
    (a) => ({
      templateId: templateOfA,
      athleteIds: [a.athleteIds.athlete1],
      from: "2026-11-30",
      weekCount: 1,
      scale: false,
      overwritePublished: true,
    }),
    staff,
  ),
  "comments.create": org((a) => ({ athleteId: a.athleteIds.athlete1, runId: a.runIds.public1, body: "Intruding" })),
  "comments.listForAthlete": org((a) => ({ athleteId: a.athleteIds.athlete1 })),
  "comments.threads": org((a) => ({ athleteId: a.athleteIds.athlete1 })),
  "comments.markRead": org((a) => ({ athleteId: a.athleteIds.athlete1, runId: a.runIds.public1, upTo: a.commentId })),
  "comments.unread": member(),
  // Each member's own inbox: A's coach has a notification, which nobody else may read or mark.
  "notifications.list": member(),
  "notifications.unreadCount": member(),
  "notifications.markRead": org((a) => ({ id: a.notificationId })),
  "notifications.markAllRead": member(),
  "trainingSettings.org": org(undefined, staff),
  "trainingSettings.updateAthlete": org((a) => ({ athleteId: a.athleteIds.athlete1, override: { monotonyMax: 9 } })),
  "trainingSettings.updateOrg": org(() => ({ override: { monotonyMax: 9 } }), owners),
  "season.get": org((a) => ({ athleteId: a.athleteIds.athlete1 })),
  "season.savePhase": org((a) => ({
    athleteId: a.athleteIds.athlete1,
    phaseId: a.phaseId,
    phase: { name: "build", startDate: "2027-01-04", endDate: "2027-01-31", settings: { bands: { qualityMax: 0.35 } } },
  })),
  "season.deletePhase": org((a) => ({ phaseId: a.phaseId })),
  "season.saveRace": org((a) => ({
    athleteId: a.athleteIds.athlete1,
    raceId: a.raceId,
    race: {
      name: "Intruder 5K",
      date: "2027-03-14",
      distanceM: 5000,
      priority: "C",
      goalTimeS: null,
      resultTimeS: 1200,
      note: "",
    },
  })),
  "season.deleteRace": org((a) => ({ raceId: a.raceId })),
  "season.useRaceForPaces": org((a) => ({ raceId: a.raceId })),
  "imports.pending": org((a) => ({ athleteId: a.athleteIds.athlete1 })),
  "imports.confirm": org((a) => ({ importId: a.importId, kind: "aerobic", rpe: 5 })),
  "imports.discard": org((a) => ({ importId: a.importId })),
  "excusedDays.mark": org((a) => ({ athleteId: a.athleteIds.athlete1, date: "2026-01-01", reason: "ill" })),
  "excusedDays.unmark": org((a) => ({ athleteId: a.athleteIds.athlete1, date: a.excusedDate })),
  "wellness.today": member(undefined, athletes),
  "wellness.save": member(() => ({ sleep: 1, soreness: 5, stress: 5, mood: 1, restingHr: null, note: "" }), athletes),
  "invitations.preview": { scope: "public", input: () => ({ token: BOGUS_TOKEN }) },
  "invitations.accept": {
    scope: "public",
    input: () => ({ token: BOGUS_TOKEN, name: "X", password: "long enough password" }),
  },
};

const DENIED = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

describe("tenant isolation matrix", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  let b: OrgFixture;
  const covered: string[] = [];

  /**
   * A fingerprint of every row that belongs to organisation A, its members' accounts included, except
   * what belongs to A's second athlete: as a principal it may change its own profile, password,
   * race and calendar feed.
   */
  async function fingerprintOfA(): Promise<string> {
    const tables = await t.db.execute<{ table_name: string; has_athlete: boolean }>(
      sql`select c.table_name, exists(select 1 from information_schema.columns a where a.table_schema = 'public'
            and a.table_name = c.table_name and a.column_name = 'athlete_id') as has_athlete
          from information_schema.columns c where c.table_schema = 'public' and c.column_name = 'org_id' order by 1`,
    );
    const parts: string[] = [];
    for (const { table_name, has_athlete } of tables) {
      const notOwn = has_athlete
        ? sql`and athlete_id <> ${a.athleteIds.athlete2}`
        : table_name === "athletes"
          ? sql`and id <> ${a.athleteIds.athlete2}`
          : sql``;
      const [row] = await t.db.execute<{ h: string | null }>(
        sql`select md5(string_agg(x::text, '|' order by x::text)) as h from ${sql.identifier(table_name)} x where org_id = ${a.orgId} ${notOwn}`,
      );
      parts.push(`${table_name}:${row?.h}`);
    }
    const [users] = await t.db.execute<{ h: string }>(
      sql`select md5(string_agg(u::text, '|' order by u::text)) as h from users u where id in (select user_id from memberships where org_id = ${a.orgId}) and id <> ${a.users.athlete2.id}`,
    );
    const [orgRow] = await t.db.execute<{ h: string }>(
      sql`select md5(o::text) as h from organizations o where id = ${a.orgId}`,
    );
    return [...parts, `users:${users?.h}`, `org:${orgRow?.h}`].join("\n");
  }

  /** Strings that would show organisation A's data (or athlete 1's) had leaked into a response. */
  const secretsOfA = (forTeammate: boolean) =>
    forTeammate
      ? [a.users.athlete1.email, a.athleteIds.athlete1, a.runIds.private1, a.invitationId]
      : [
          a.orgId,
          a.slug,
          a.users.owner.email,
          a.users.coach.email,
          a.users.athlete1.email,
          a.athleteIds.athlete1,
          a.invitationId,
        ];

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
    b = await createOrgFixture(t.db, "Bravo");
    const [template] = await t.db.execute<{ id: string }>(sql`select id from week_templates where org_id = ${a.orgId}`);
    templateOfA = template!.id;
  });

  afterAll(() => {
    console.log(
      `isolation matrix: ${Object.keys(matrix).length} procedures × 5 principals = ${covered.length} denied-or-contained calls`,
    );
  });

  it("covers every procedure of the router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(matrix).sort()).toEqual(procedures);
  });

  it("builds every procedure from the kind that admits exactly the roles allowed to call it", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>;
    for (const [path, testCase] of Object.entries(matrix))
      expect(procedures[path]?._def.meta?.access, path).toEqual(expectedAccess(testCase));
  });

  it("refuses A's members whose role the procedure's kind leaves out, before anything changes", async () => {
    const before = await fingerprintOfA();
    const members: Array<{ role: Role; user: SessionUser }> = [
      { role: "owner", user: a.users.owner },
      { role: "coach", user: a.users.coach },
      { role: "athlete", user: a.users.athlete1 },
    ];
    let refused = 0;
    for (const [path, testCase] of Object.entries(matrix)) {
      if (testCase.scope !== "org" && testCase.scope !== "org-member") continue;
      for (const { role, user } of members.filter((m) => !(testCase.roles ?? everyone).includes(m.role))) {
        const caller = createCaller(contextFor(t.app.db, user));
        const procedure = path
          .split(".")
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
          input: unknown,
        ) => Promise<unknown>;
        const error = await procedure(testCase.input(a)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, `${path} as A's ${role}`).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code, `${path} as A's ${role}`).toBe("FORBIDDEN");
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect((await fingerprintOfA()).split("\n")).toEqual(before.split("\n"));
  });

  it("refuses or contains every call from outside organisation A, and changes none of A's rows", async () => {
    const before = await fingerprintOfA();
    const principals: Array<{ name: string; user: SessionUser | null; sameOrg: boolean }> = [
      { name: "anonymous", user: null, sameOrg: false },
      { name: "owner of B", user: b.users.owner, sameOrg: false },
      { name: "coach of B", user: b.users.coach, sameOrg: false },
      { name: "athlete of B", user: b.users.athlete1, sameOrg: false },
      { name: "A's other athlete", user: a.users.athlete2, sameOrg: true },
    ];

    for (const [path, testCase] of Object.entries(matrix)) {
      for (const principal of principals) {
        const caller = createCaller(contextFor(t.app.db, principal.user));
        const procedure = path
          .split(".")
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
          input: unknown,
        ) => Promise<unknown>;
        const label = `${path} as ${principal.name}`;
        let result: unknown;
        let error: unknown;
        try {
          result = await procedure(testCase.input(a));
        } catch (e) {
          error = e;
        }

        const mustBeDenied =
          principal.user === null
            ? testCase.scope !== "public"
            : testCase.scope === "org" || (testCase.scope === "org-member" && !principal.sameOrg);
        if (mustBeDenied) {
          expect(error, label).toBeInstanceOf(TRPCError);
          expect(DENIED.has((error as TRPCError).code), `${label}: ${(error as TRPCError).code}`).toBe(true);
        } else if (error) {
          // Allowed to try, but the answer is a clear refusal, never a leak or a crash.
          expect(error, label).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code, label).not.toBe("INTERNAL_SERVER_ERROR");
        } else {
          const body = JSON.stringify(result ?? null);
          for (const secret of secretsOfA(principal.sameOrg))
            expect(body.includes(secret), `${label} leaked ${secret}`).toBe(false);
        }
        covered.push(label);
      }
    }
    expect((await fingerprintOfA()).split("\n")).toEqual(before.split("\n"));
    expect(covered).toHaveLength(Object.keys(matrix).length * principals.length);
  });
});
