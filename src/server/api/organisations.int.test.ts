import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { enterOrganisation } from "~/server/data/organisations";
import { findSessionUser, type SessionUser } from "~/server/data/users";
import { withTenant } from "~/server/db/tenant";
import { verifyCredentials } from "~/server/auth/credentials";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { useTestDatabase } from "~/test/test-database";
import { createCaller } from "./root";
import { useMailOutbox, signUpTokenIn } from "~/test/mail-outbox";
import { contextFor, openSession } from "~/test/sessions";

describe("organisations, roles and invitations", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser | null) => createCaller(contextFor(t.db, user));
  /** The link in the newest outbox mail to this address: how an invitee really gets the token. */
  async function tokenMailedTo(email: string): Promise<string> {
    const [mail] = await t.db.execute<{ text: string }>(
      sql`select text from outbox_emails where "to" = ${email} order by created_at desc limit 1`,
    );
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
    if (!token) throw new Error(`no invitation mailed to ${email}`);
    return token;
  }

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
  });

  it("enters an organisation only through a membership: otherwise row-level security stays closed", async () => {
    const b = await createOrgFixture(t.db, "Bravo");
    const currentOrg = async (userId: string, slug: string) =>
      withTenant(t.db, { orgId: null, userId }, async (tx) => {
        const membership = await enterOrganisation(tx, userId, slug);
        const [setting] = await tx.execute<{ org: string | null }>(
          sql`select nullif(current_setting('app.org_id', true), '') as org`,
        );
        return { role: membership?.role ?? null, org: setting?.org ?? null };
      });
    expect(await currentOrg(a.users.coach.id, a.slug)).toEqual({ role: "coach", org: a.orgId });
    expect(await currentOrg(a.users.coach.id, b.slug)).toEqual({ role: null, org: null });
    expect(await currentOrg(a.users.coach.id, "no-such-club")).toEqual({ role: null, org: null });
  });

  it("signs up through the emailed link: the account and its organisation, with the account as owner", async () => {
    const outbox = useMailOutbox();
    const signUp = (email: string, organisationName: string) =>
      as(null).auth.signUp({ name: "Nia Coach", email, password: "a good long password", organisationName });
    expect(await signUp("Nia@Example.com", "Harbour Harriers")).toEqual({ email: "nia@example.com" });
    // Nothing exists before the link is used.
    expect(
      await verifyCredentials(t.db, { email: "nia@example.com", password: "a good long password" }, null),
    ).toBeNull();
    const token = signUpTokenIn(outbox.latestTo("nia@example.com"));
    expect(token).not.toBeNull();
    expect(await as(null).auth.confirmSignUp({ token: token! })).toEqual({
      email: "nia@example.com",
      orgSlug: "harbour-harriers",
    });
    await expect(as(null).auth.confirmSignUp({ token: token! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const user = await verifyCredentials(t.db, { email: "nia@example.com", password: "a good long password" }, null);
    const me = (await findSessionUser(t.db, user!.id))!;
    await openSession(t.db, me.id);
    expect(await as(me).organisations.mine()).toEqual([
      expect.objectContaining({ slug: "harbour-harriers", name: "Harbour Harriers", role: "owner" }),
    ]);
    // A second club with the same name gets its own address.
    await signUp("other@example.com", "Harbour Harriers");
    const second = await as(null).auth.confirmSignUp({ token: signUpTokenIn(outbox.latestTo("other@example.com"))! });
    expect(second.orgSlug).toBe("harbour-harriers-2");
  });

  it("answers sign-up the same whether or not the address has an account, and tells only its owner", async () => {
    const outbox = useMailOutbox();
    const answer = (email: string) =>
      as(null).auth.signUp({ name: "Someone", email, password: "a good long password", organisationName: "Probe RC" });
    const taken = a.users.coach.email;
    expect(await answer(taken)).toEqual({ email: taken });
    expect(await answer("fresh.address@example.com")).toEqual({ email: "fresh.address@example.com" });
    // The existing account's owner is told; their password and organisations did not change.
    expect(outbox.latestTo(taken)).toContain("already has one");
    expect(signUpTokenIn(outbox.latestTo(taken))).toBeNull();
    expect(signUpTokenIn(outbox.latestTo("fresh.address@example.com"))).not.toBeNull();
    expect(await verifyCredentials(t.db, { email: taken, password: "a good long password" }, null)).toBeNull();
    // A weak password is refused for both alike, before anything is looked up.
    for (const email of [taken, "other.fresh@example.com"])
      await expect(
        as(null).auth.signUp({ name: "Someone", email, password: "password123", organisationName: "Probe RC" }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("invites by email, and the link creates the account and the membership once", async () => {
    const owner = as(a.users.owner);
    await owner.invitations.create({ orgSlug: a.slug, email: "New.Runner@example.com", role: "athlete" });
    const token = await tokenMailedTo("new.runner@example.com");

    const preview = await as(null).invitations.preview({ token });
    expect(preview).toMatchObject({
      email: "new.runner@example.com",
      role: "athlete",
      state: "open",
      organisationName: "Alpha club",
    });
    expect(preview).not.toHaveProperty("accountExists");

    const accepted = await as(null).invitations.accept({ token, name: "New Runner", password: "runner password 1" });
    expect(accepted.orgSlug).toBe(a.slug);
    const signedIn = await verifyCredentials(
      t.db,
      { email: "new.runner@example.com", password: "runner password 1" },
      null,
    );
    const runner = (await findSessionUser(t.db, signedIn!.id))!;
    await openSession(t.db, runner.id);
    expect((await as(runner).organisations.current({ orgSlug: a.slug })).role).toBe("athlete");
    // The inviting owner became the athlete's coach.
    const members = await owner.members.list({ orgSlug: a.slug });
    expect(members.find((m) => m.email === "new.runner@example.com")?.coachUserIds).toEqual([a.users.owner.id]);

    await expect(
      as(null).invitations.accept({ token, name: "Again", password: "runner password 1" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("already been used"),
    });
  });

  it("links an existing account only when it is signed in as the invited address", async () => {
    const owner = as(a.users.owner);
    const outsider = await createOrgFixture(t.db, "Outsider");
    await owner.invitations.create({ orgSlug: a.slug, email: outsider.users.coach.email, role: "coach" });
    const token = await tokenMailedTo(outsider.users.coach.email);
    // Trying to create an account for an address that has one: sign in first (the link was mailed there).
    await expect(
      as(null).invitations.accept({ token, name: "Someone", password: "another trail password" }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("Sign in as") });
    await expect(as(outsider.users.owner).invitations.accept({ token })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await as(outsider.users.coach).invitations.accept({ token });
    const orgs = await as(outsider.users.coach).organisations.mine();
    expect(orgs.map((o) => o.slug).sort()).toEqual([a.slug, outsider.slug].sort());
  });

  it("revokes, resends (old link dead, new one works), expires, and refuses re-inviting a member", async () => {
    const owner = as(a.users.owner);
    const { id } = await owner.invitations.create({ orgSlug: a.slug, email: "twice@example.com", role: "athlete" });
    const first = await tokenMailedTo("twice@example.com");
    await owner.invitations.resend({ orgSlug: a.slug, invitationId: id });
    const second = await tokenMailedTo("twice@example.com");
    expect(second).not.toBe(first);
    await expect(as(null).invitations.preview({ token: first })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await as(null).invitations.preview({ token: second })).state).toBe("open");

    await owner.invitations.revoke({ orgSlug: a.slug, invitationId: id });
    expect((await as(null).invitations.preview({ token: second })).state).toBe("revoked");
    await expect(
      as(null).invitations.accept({ token: second, name: "T", password: "long password here" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await owner.invitations.create({ orgSlug: a.slug, email: "late@example.com", role: "athlete" });
    const late = await tokenMailedTo("late@example.com");
    await t.db.execute(
      sql`update invitations set expires_at = now() - interval '1 minute' where email = 'late@example.com'`,
    );
    expect((await as(null).invitations.preview({ token: late })).state).toBe("expired");

    await expect(
      owner.invitations.create({ orgSlug: a.slug, email: a.users.athlete2.email, role: "athlete" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("limits invitations per inviter per hour, counting resent ones", async () => {
    const club = await createOrgFixture(t.db, "Mailer");
    const owner = as(club.users.owner);
    // The fixture's invitation, 28 more and one resent: 30 mails within the hour.
    for (let i = 0; i < 28; i++)
      await owner.invitations.create({ orgSlug: club.slug, email: `runner${i}@example.com`, role: "athlete" });
    await owner.invitations.resend({ orgSlug: club.slug, invitationId: club.invitationId });
    await expect(
      owner.invitations.create({ orgSlug: club.slug, email: "one.more@example.com", role: "athlete" }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(
      owner.invitations.resend({ orgSlug: club.slug, invitationId: club.invitationId }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // Another inviter of the same organisation has their own hourly budget.
    await as(club.users.coach).invitations.create({
      orgSlug: club.slug,
      email: "coached@example.com",
      role: "athlete",
    });
    // An hour later the owner may invite again.
    await t.db.execute(
      sql`update audit_events set created_at = created_at - interval '61 minutes' where org_id = ${club.orgId}`,
    );
    await owner.invitations.create({ orgSlug: club.slug, email: "one.more@example.com", role: "athlete" });
  });

  it("lets coaches invite athletes but not coaches, and keeps the last owner", async () => {
    const coach = as(a.users.coach);
    await coach.invitations.create({ orgSlug: a.slug, email: "coached@example.com", role: "athlete" });
    await expect(
      coach.invitations.create({ orgSlug: a.slug, email: "c2@example.com", role: "coach" }),
    ).rejects.toBeInstanceOf(TRPCError);

    const owner = as(a.users.owner);
    await expect(
      owner.members.changeRole({ orgSlug: a.slug, userId: a.users.owner.id, role: "coach" }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("at least one owner"),
    });
    await owner.members.changeRole({ orgSlug: a.slug, userId: a.users.coach.id, role: "owner" });
    await owner.members.changeRole({ orgSlug: a.slug, userId: a.users.coach.id, role: "coach" });
    const audit = await owner.organisations.audit({ orgSlug: a.slug });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "member.role_changed",
        "invitation.created",
        "invitation.revoked",
        "invitation.accepted",
      ]),
    );
    await expect(as(a.users.coach).organisations.audit({ orgSlug: a.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("removes a member with their athlete profile, and their access ends", async () => {
    const owner = as(a.users.owner);
    await owner.members.remove({ orgSlug: a.slug, userId: a.users.athlete2.id });
    await expect(as(a.users.athlete2).organisations.current({ orgSlug: a.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const [left] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from athletes where user_id = ${a.users.athlete2.id}`,
    );
    expect(left!.n).toBe(0);
  });
});

describe("accounts and sign-in", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
  });

  it("keeps units, time zone and week start, and refuses an unknown time zone", async () => {
    const me = as(a.users.athlete1);
    await me.account.updateProfile({ name: "Runner", units: "mi", timeZone: "America/New_York", weekStartDay: 0 });
    // Each request reads the user afresh, as the next request would.
    const reloaded = as((await findSessionUser(t.db, a.users.athlete1.id))!);
    expect(await reloaded.me.get()).toMatchObject({ units: "mi", timeZone: "America/New_York", weekStartDay: 0 });
    await expect(
      me.account.updateProfile({ name: "Runner", units: "mi", timeZone: "Mars/Olympus", weekStartDay: 0 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  function as(user: SessionUser | null) {
    return createCaller(contextFor(t.db, user));
  }
});

describe("athletes by role", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
  });

  it("shows owners every athlete, coaches their own, and athletes only themselves", async () => {
    const names = async (user: SessionUser) =>
      (await createCaller(contextFor(t.db, user)).athletes.list({ orgSlug: a.slug })).map((x) => x.displayName);
    expect(await names(a.users.owner)).toEqual(["Alpha athlete1", "Alpha athlete2"]);
    expect(await names(a.users.coach)).toEqual(["Alpha athlete1"]);
    expect(await names(a.users.athlete2)).toEqual(["Alpha athlete2"]);
  });
});
