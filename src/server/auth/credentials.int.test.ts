import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { endSession, findSessionAccount } from "~/server/data/accounts";
import { createUser } from "~/server/data/users";
import { createCaller } from "~/server/api/root";
import { createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { useTestDatabase } from "~/test/test-database";
import { TooManyAttemptsError, verifyCredentials } from "./credentials";
import { hashPassword } from "./password";

/** Everything here goes through the app's own login (t.app), as the server does. */
describe("email and password sign-in", () => {
  const t = useTestDatabase();

  it("signs in with the right password, whatever the email's case, into a session of its own", async () => {
    const user = await createUser(t.db, {
      email: "Runner@Example.com",
      name: "Runner",
      passwordHash: await hashPassword("correct horse battery"),
    });
    expect(user.email).toBe("runner@example.com");
    const signedIn = await verifyCredentials(
      t.app.db,
      { email: " RUNNER@example.com ", password: "correct horse battery" },
      "192.0.2.1",
    );
    expect(signedIn).toMatchObject({ id: user.id, email: "runner@example.com", name: "Runner" });
    expect(signedIn!.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(await findSessionAccount(t.app.db, signedIn!.sessionSecret)).toMatchObject({ id: user.id });
  });

  it("refuses a wrong password, an unknown email and malformed input", async () => {
    await createUser(t.db, {
      email: "coach@example.com",
      name: "Coach",
      passwordHash: await hashPassword("right password"),
    });
    const attempt = (email: string, password: string) => verifyCredentials(t.app.db, { email, password }, "192.0.2.2");
    expect(await attempt("coach@example.com", "wrong password")).toBeNull();
    expect(await attempt("nobody@example.com", "right password")).toBeNull();
    expect(await attempt("not an email", "x")).toBeNull();
    expect(await attempt("coach@example.com", "x".repeat(500))).toBeNull();
  });

  it("stores argon2id hashes, never the password, and the app's login cannot read them", async () => {
    const hash = await hashPassword("a long passphrase");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain("a long passphrase");
    await expect(t.app.db.execute(sql`select password_hash from users`)).rejects.toMatchObject({
      cause: { code: "42501" },
    });
  });
});

describe("sign-in limits (ADR 010)", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const ATTACKER = "203.0.113.66";
  const OWNER = "198.51.100.20";

  const signIn = (email: string, password: string, address: string) =>
    verifyCredentials(t.app.db, { email, password }, address);
  const refused = async (email: string, password: string, address: string) =>
    signIn(email, password, address).then(
      () => false,
      (error: unknown) => error instanceof TooManyAttemptsError,
    );
  /** Time passing: every counted attempt becomes `minutes` older. */
  const age = (minutes: number) =>
    t.db.execute(
      sql`update app_private.auth_attempts set attempted_at = attempted_at - make_interval(mins => ${minutes})`,
    );

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
  });

  it("stops an attacker's address after 5 wrong passwords, while the owner signs in from theirs", async () => {
    const email = a.users.athlete1.email;
    for (let i = 0; i < 5; i++) expect(await signIn(email, `guess number ${i}`, ATTACKER)).toBeNull();
    // The attacker is out of guesses, even with the right password...
    expect(await refused(email, FIXTURE_PASSWORD, ATTACKER)).toBe(true);
    // ...but the owner is not locked out.
    expect(await signIn(email, FIXTURE_PASSWORD, OWNER)).toMatchObject({ id: a.users.athlete1.id });
    // After 15 minutes the attacker's address may try again.
    await age(16);
    expect(await signIn(email, "one more guess", ATTACKER)).toBeNull();
  });

  it("counts parallel guesses one by one: none gets past the limit", async () => {
    const email = a.users.athlete2.email;
    const address = "203.0.113.77";
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(email, `parallel guess ${i}`, address).catch((e: unknown) => e)),
    );
    expect(outcomes.filter((o) => o === null)).toHaveLength(5);
    expect(outcomes.filter((o) => o instanceof TooManyAttemptsError)).toHaveLength(15);
  });

  it("stops one address spraying many accounts after 30 failures, for every account", async () => {
    const sprayer = "203.0.113.88";
    for (let i = 0; i < 30; i++) await signIn(`spray${i}@example.com`, "password guess", sprayer);
    expect(await refused(a.users.coach.email, FIXTURE_PASSWORD, sprayer)).toBe(true);
    expect(await signIn(a.users.coach.email, FIXTURE_PASSWORD, "198.51.100.21")).not.toBeNull();
  });

  it("slows guesses from many addresses down account-wide, but not from the owner's known address", async () => {
    const email = a.users.owner.email;
    // The owner signed in from home before the attack.
    expect(await signIn(email, FIXTURE_PASSWORD, OWNER)).not.toBeNull();
    // A botnet: 3 guesses from each of 10 addresses, under every per-address limit. Past 10 failures
    // a day, addresses the account never signed in from must wait (1 s, doubling up to 15 minutes).
    let tried = 0;
    for (let bot = 0; bot < 10; bot++)
      for (let i = 0; i < 3; i++)
        if (!(await refused(email, `bot ${bot} guess ${i}`, `203.0.113.${100 + bot}`))) tried++;
    expect(tried).toBeGreaterThanOrEqual(10);
    expect(tried).toBeLessThan(15);
    expect(await refused(email, FIXTURE_PASSWORD, "203.0.113.200")).toBe(true);
    expect(await refused(email, FIXTURE_PASSWORD, "198.51.100.99")).toBe(true);
    // The owner's own address is not slowed down.
    expect(await signIn(email, FIXTURE_PASSWORD, OWNER)).not.toBeNull();
    // The back-off is at most 15 minutes between attempts.
    await age(15);
    expect(await signIn(email, FIXTURE_PASSWORD, "198.51.100.99")).not.toBeNull();
  });

  it("limits guessing the current password when changing it, then signs every session out", async () => {
    const coach = createCaller(contextFor(t.app.db, a.users.coach));
    for (let i = 0; i < 5; i++)
      await expect(
        coach.account.changePassword({ currentPassword: `wrong ${i}`, newPassword: "brand new trail password" }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      coach.account.changePassword({ currentPassword: FIXTURE_PASSWORD, newPassword: "brand new trail password" }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await age(16);
    await coach.account.changePassword({ currentPassword: FIXTURE_PASSWORD, newPassword: "brand new trail password" });
    // The session that changed it ended too, as every other one did.
    await expect(coach.me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await signIn(a.users.coach.email, "brand new trail password", OWNER)).not.toBeNull();
  });
});

describe("sessions end on the server", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  beforeAll(async () => {
    a = await createOrgFixture(t.db, "Alpha");
  });

  it("signing out ends this session only; signing out everywhere ends them all", async () => {
    const laptop = (await verifyCredentials(
      t.app.db,
      { email: a.users.athlete1.email, password: FIXTURE_PASSWORD },
      null,
    ))!;
    const phone = (await verifyCredentials(
      t.app.db,
      { email: a.users.athlete1.email, password: FIXTURE_PASSWORD },
      null,
    ))!;
    await endSession(t.app.db, laptop.sessionSecret);
    // A copy of the laptop's cookie no longer opens anything; the phone stays signed in.
    expect(await findSessionAccount(t.app.db, laptop.sessionSecret)).toBeNull();
    expect(await findSessionAccount(t.app.db, phone.sessionSecret)).toMatchObject({ id: a.users.athlete1.id });

    const fromPhone = createCaller({
      db: t.app.db,
      user: a.users.athlete1,
      sessionSecret: phone.sessionSecret,
      clientAddress: null,
    });
    await fromPhone.account.signOutEverywhere();
    expect(await findSessionAccount(t.app.db, phone.sessionSecret)).toBeNull();
  });
});
