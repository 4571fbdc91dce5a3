import { describe, expect, it } from "vitest";
import { createUser } from "~/server/data/users";
import { useTestDatabase } from "~/test/test-database";
import { verifyCredentials } from "./credentials";
import { hashPassword } from "./password";

describe("email and password sign-in", () => {
  const t = useTestDatabase();

  it("signs in with the right password, whatever the email's case", async () => {
    const user = await createUser(t.db, {
      email: "Runner@Example.com",
      name: "Runner",
      passwordHash: await hashPassword("correct horse battery"),
    });
    expect(user.email).toBe("runner@example.com");
    const signedIn = await verifyCredentials(t.db, {
      email: " RUNNER@example.com ",
      password: "correct horse battery",
    });
    expect(signedIn).toMatchObject({ id: user.id, email: "runner@example.com", sessionVersion: 0 });
  });

  it("refuses a wrong password, an unknown email and malformed input", async () => {
    await createUser(t.db, {
      email: "coach@example.com",
      name: "Coach",
      passwordHash: await hashPassword("right password"),
    });
    expect(await verifyCredentials(t.db, { email: "coach@example.com", password: "wrong password" })).toBeNull();
    expect(await verifyCredentials(t.db, { email: "nobody@example.com", password: "right password" })).toBeNull();
    expect(await verifyCredentials(t.db, { email: "not an email", password: "x" })).toBeNull();
    expect(await verifyCredentials(t.db, { email: "coach@example.com", password: "x".repeat(500) })).toBeNull();
  });

  it("stores argon2id hashes, never the password", async () => {
    const hash = await hashPassword("a long passphrase");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain("a long passphrase");
  });
});
