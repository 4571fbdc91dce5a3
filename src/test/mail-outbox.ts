/** Account mail (sign-up) written by sendAccountMail to MAIL_OUTBOX_DIR, as tests read it. */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rereadEnv } from "~/server/env";

/** Points MAIL_OUTBOX_DIR at a fresh folder for this test file. */
export function useMailOutbox(): { dir: string; latestTo: (email: string) => string | null } {
  const dir = mkdtempSync(join(tmpdir(), "runbalance-mail-"));
  process.env.MAIL_OUTBOX_DIR = dir;
  rereadEnv();
  return {
    dir,
    latestTo: (email) => {
      const files = readdirSync(dir)
        .filter((f) => f.startsWith(`${email}.`))
        .sort((x, y) => Number(BigInt(x.split(".").at(-2)!) - BigInt(y.split(".").at(-2)!)));
      const last = files.at(-1);
      return last ? readFileSync(join(dir, last), "utf8") : null;
    },
  };
}

/** The sign-up confirmation token in a mail's text, or null. */
export const signUpTokenIn = (mail: string | null) =>
  /\/sign-up\/confirm\/([0-9a-f]{64})/.exec(mail ?? "")?.[1] ?? null;
