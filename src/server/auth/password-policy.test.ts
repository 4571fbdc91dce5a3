import { describe, expect, it } from "vitest";
import { newPasswordSchema } from "~/server/api/schemas";
import { passwordWeakness } from "./password-policy";

describe("new passwords", () => {
  it("need at least 10 characters", () => {
    expect(newPasswordSchema.safeParse("nine char").success).toBe(false);
    expect(newPasswordSchema.safeParse("ten chars!").success).toBe(true);
  });

  it.each([
    "password123",
    "qwertyuiop",
    "1234567890",
    "iloveyou12",
    "sunshine2020",
    "Password1!",
    "football2024",
    "letmein12345",
    "P@ssw0rd2024!",
    "m0nk3yb4n4n4",
  ])("refuses the common password %s", async (password) => {
    expect(await passwordWeakness(password)).toMatch(/./);
  });

  it("refuses a password made of the person's own name or email", async () => {
    expect(await passwordWeakness("mayapatel1990", ["maya.patel@example.com", "Maya Patel"])).toMatch(/./);
  });

  it.each(["a good long password", "trail runner at dawn", "Tr4ck-night-42-easy", "runner password 1"])(
    "accepts %s",
    async (password) => {
      expect(await passwordWeakness(password, ["new.runner@example.com", "New Runner"])).toBeNull();
    },
  );
});
