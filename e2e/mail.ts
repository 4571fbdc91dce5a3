import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect } from "@playwright/test";

/** Where the e2e server writes account mail (MAIL_OUTBOX_DIR, scripts/e2e-server.ts). */
const OUTBOX = resolve(`.data/e2e-${process.env.E2E_PORT ?? 3210}/mail`);

/** The newest account mail to `email`, waiting for it to arrive. */
export async function mailTo(email: string): Promise<string> {
  let text = "";
  await expect
    .poll(() => {
      if (!existsSync(OUTBOX)) return 0;
      const files = readdirSync(OUTBOX, { withFileTypes: true })
        .filter((f) => f.isFile() && f.name.startsWith(`${email}.`))
        .map((f) => f.name)
        .sort((x, y) => Number(BigInt(x.split(".").at(-2)!) - BigInt(y.split(".").at(-2)!)));
      text = files.length ? readFileSync(resolve(OUTBOX, files.at(-1)!), "utf8") : "";
      return text.length;
    })
    .toBeGreaterThan(0);
  return text;
}
