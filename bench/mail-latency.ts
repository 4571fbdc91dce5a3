/**
 * Delivery latency of a notification's mail (issue 17): from the commit of the change that notifies
 * (a coach's comment: notify() in the coach's request transaction) to the SMTP server accepting the
 * message, over 100 events one after another. The worker runs in this process on its own login
 * (LISTEN/NOTIFY wakes it; no polling wait), the SMTP server is the tests' `smtp-server`.
 * A fresh database on BENCH_DATABASE_URL's server, or on an embedded PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import postgres from "postgres";
import { provisionAppLogin } from "~/server/db/app-login";
import { connect } from "~/server/db/connection";
import { applyMigrations } from "~/server/db/migrate";
import { withSession } from "~/server/db/tenant";
import { enterOrganisation } from "~/server/data/organisations";
import { rereadEnv } from "~/server/env";
import { startQueueWorker } from "~/server/jobs/runner";
import { notify } from "~/server/services/notify";
import { createOrgFixture } from "~/test/fixtures";
import { sessionOf } from "~/test/sessions";
import { header, startTestSmtp } from "~/test/smtp";
import { startEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { percentile } from "./stats";

export const MAIL_EVENTS = 100;
/** p95 from commit to SMTP acceptance. */
export const MAIL_LATENCY_TARGET_P95_MS = 1_000;

export interface MailLatencyResult {
  samples: number[];
  p50: number;
  p95: number;
  max: number;
}

export async function benchMailLatency(log: (line: string) => void): Promise<MailLatencyResult> {
  const external = process.env.BENCH_DATABASE_URL;
  const server = external
    ? null
    : await startEmbeddedPostgres({
        dataDir: resolve(".data/bench-mail-postgres"),
        persistent: false,
        preferredPort: 58532,
        log,
      });
  const serverUrl = external ?? server!.serverUrl;
  const name = `bench_mail_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const ownerUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const smtp = await startTestSmtp();
  process.env.SMTP_URL = smtp.url;
  rereadEnv();
  try {
    await applyMigrations(ownerUrl);
    const appUrl = await provisionAppLogin(ownerUrl, {
      role: `${name}_app`,
      password: randomBytes(18).toString("base64url"),
    });
    const owner = connect(ownerUrl, { max: 2 });
    const app = connect(appUrl, { max: 2 });
    const org = await createOrgFixture(owner.db, "bench");
    const worker = await startQueueWorker(ownerUrl, { crontab: false });
    const samples: number[] = [];
    try {
      for (let i = 0; i < MAIL_EVENTS + 5; i++) {
        const subject = `Comment ${i}`;
        await withSession(app.db, sessionOf(org.users.coach.id), async (tx) => {
          await enterOrganisation(tx, org.users.coach.id, org.slug);
          await notify(tx, org.orgId, [
            {
              recipientUserId: org.users.athlete1.id,
              kind: "comment",
              athleteId: org.athleteIds.athlete1,
              actorUserId: org.users.coach.id,
              title: subject,
              link: `/o/${org.slug}/runs/${org.runIds.public1}`,
            },
          ]);
        });
        const committed = performance.now();
        const [mail] = await smtp.waitFor((m) => header(m.raw, "Subject") === subject, 1, 30_000);
        // The first five warm the pools and the transport up.
        if (i >= 5) samples.push(mail!.at - committed);
      }
    } finally {
      await worker.stop();
      await app.close();
      await owner.close();
    }
    await admin.unsafe(`drop role if exists ${name}_app`).catch(() => {});
    return {
      samples,
      p50: percentile(samples, 0.5),
      p95: percentile(samples, 0.95),
      max: Math.max(...samples),
    };
  } finally {
    delete process.env.SMTP_URL;
    rereadEnv();
    await smtp.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
    await server?.stop();
  }
}
