import "server-only";
import { randomBytes } from "node:crypto";
import { hash, hashRaw } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 30 ms here, slow enough for attackers.
const options = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, which isolatedModules cannot read) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** An argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) for a new password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

const SETTINGS = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)$/;

/**
 * What proves a password to the database (app.finish_sign_in, app.change_password): argon2id's output
 * for the account's stored settings and salt, base64 as in the PHC string. The database compares it
 * with the stored hash, so the app never reads password hashes. Without settings (an unknown email)
 * it hashes with a random salt, so that an unknown email costs as much time as a wrong password.
 */
export async function passwordProof(passwordSettings: string | null, password: string): Promise<string> {
  const match = passwordSettings ? SETTINGS.exec(passwordSettings) : null;
  const raw = await hashRaw(password, {
    ...options,
    ...(match
      ? {
          version: match[1] === "16" ? 0 : 1,
          memoryCost: Number(match[2]),
          timeCost: Number(match[3]),
          parallelism: Number(match[4]),
          salt: Buffer.from(match[5]!, "base64"),
        }
      : { salt: randomBytes(16) }),
  });
  return raw.toString("base64").replace(/=+$/, "");
}
