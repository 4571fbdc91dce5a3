/**
 * Production's setup (README, "Production deployment"): the tables' owner is not a superuser, so
 * forced row-level security binds it too, including inside the SECURITY DEFINER functions it owns.
 * Migrating, seeding and every cross-organisation flow must work that way, not only on the test
 * server's superuser.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "~/server/api/root";
import { verifyCredentials } from "~/server/auth/credentials";
import { findSessionAccount } from "~/server/data/accounts";
import { calendarForToken } from "~/server/services/calendar";
import { demoAccounts, seedDemo } from "~/server/seed/seed-demo";
import { now, todayUtc } from "~/lib/clock";
import { useMailOutbox, signUpTokenIn } from "~/test/mail-outbox";
import { databaseUrl } from "~/test/database-url";
import { provisionAppLogin } from "./app-login";
import { connect, type Connection } from "./connection";
import { applyMigrations } from "./migrate";
import { withTenant } from "./tenant";

describe("with an owner that is not a superuser", () => {
  const suffix = randomBytes(4).toString("hex");
  const ownerRole = `${inject("pgPrefix")}_owner_${suffix}`;
  const appRole = `${inject("pgPrefix")}_web_${suffix}`;
  const database = `${inject("pgPrefix")}_owned_${suffix}`;
  const password = randomBytes(18).toString("base64url");
  const admin = postgres(inject("pgServerUrl"), { max: 1, onnotice: () => {} });
  let owner: Connection;
  let app: Connection;

  beforeAll(async () => {
    await admin.unsafe(`create role ${ownerRole} login createrole password '${password}'`);
    // runbalance_app exists already on this server (the template's migration made it): the owner must
    // be able to grant it, as it could had its own first migration created it.
    await admin.unsafe(`grant runbalance_app to ${ownerRole} with admin option`);
    await admin.unsafe(`create database ${database} owner ${ownerRole}`);
    const ownerUrl = new URL(databaseUrl(inject("pgServerUrl"), database));
    ownerUrl.username = ownerRole;
    ownerUrl.password = password;
    await applyMigrations(ownerUrl.toString());
    owner = connect(ownerUrl.toString(), { max: 2 });
    await seedDemo(owner.db, now());
    app = connect(await provisionAppLogin(ownerUrl.toString(), { role: appRole, password }), { max: 3 });
  });

  afterAll(async () => {
    await app?.close();
    await owner?.close();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.unsafe(`drop role if exists ${appRole}`);
    await admin.unsafe(`drop role if exists ${ownerRole}`);
    await admin.end({ timeout: 5 });
  });

  it("migrates and seeds, and the demo coach signs in and reads her roster through the app's login", async () => {
    const [role] = await owner.db.execute<{ rolsuper: boolean }>(
      sql`select rolsuper from pg_roles where rolname = current_user`,
    );
    expect(role!.rolsuper).toBe(false);
    const { coaches, password: demoPassword, orgSlug } = demoAccounts();
    const signedIn = await verifyCredentials(app.db, { email: coaches[0]!.email, password: demoPassword }, null);
    expect(signedIn).not.toBeNull();
    const user = (await findSessionAccount(app.db, signedIn!.sessionSecret))!;
    const caller = createCaller({ db: app.db, user, sessionSecret: signedIn!.sessionSecret, clientAddress: null });
    expect((await caller.roster.list({ orgSlug })).length).toBeGreaterThan(3);

    // Invitation: created by the coach, previewed and accepted through its link alone.
    await caller.invitations.create({ orgSlug, email: "new.athlete@example.com", role: "athlete" });
    const [mail] = await withTenant(owner.db, { orgId: null, userId: user.id }, async (tx) => {
      const [org] = await tx.execute<{ id: string }>(sql`select id from organizations where slug = ${orgSlug}`);
      await tx.execute(sql`select app.enter_organisation(${org!.id}::uuid)`);
      return tx.execute<{ text: string }>(sql`select text from outbox_emails where "to" = 'new.athlete@example.com'`);
    });
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    const anonymous = createCaller({ db: app.db, user: null, sessionSecret: null, clientAddress: null });
    expect(await anonymous.invitations.preview({ token })).toMatchObject({ state: "open", role: "athlete" });
    expect(
      await anonymous.invitations.accept({ token, name: "New Athlete", password: "a fresh trail password" }),
    ).toMatchObject({ orgSlug });

    // A calendar feed, fetched with its token only.
    const feedToken = await (async () => {
      const athlete = await verifyCredentials(
        app.db,
        { email: "new.athlete@example.com", password: "a fresh trail password" },
        null,
      );
      const me = (await findSessionAccount(app.db, athlete!.sessionSecret))!;
      const asAthlete = createCaller({
        db: app.db,
        user: me,
        sessionSecret: athlete!.sessionSecret,
        clientAddress: null,
      });
      const { path } = await asAthlete.calendarFeeds.create({ orgSlug });
      return path.replace("/api/calendar/", "");
    })();
    expect(await calendarForToken(app.db, feedToken, new Date(`${todayUtc()}T12:00:00Z`))).toContain("BEGIN:VCALENDAR");

    // Sign-up through the emailed link.
    const outbox = useMailOutbox();
    await anonymous.auth.signUp({
      name: "Owner Two",
      email: "two@example.com",
      password: "a good long password",
      organisationName: "Club Two",
    });
    const created = await anonymous.auth.confirmSignUp({ token: signUpTokenIn(outbox.latestTo("two@example.com"))! });
    expect(created.orgSlug).toBe("club-two");
  });
});
