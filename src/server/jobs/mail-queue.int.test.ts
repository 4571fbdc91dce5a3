/**
 * The job queue and mail against a real SMTP server (issue 17, point 5): a notification's mail with
 * both parts and RFC 8058 headers, the one-click unsubscribe (then no more mail of that kind), retries
 * with back-off when the server refuses, one digest per coach and week across two worker processes
 * with the scheduler firing twice, and a worker killed mid-delivery whose job another worker retries.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/domain/rules";
import { now } from "~/lib/clock";
import { enterOrganisation } from "~/server/data/organisations";
import { mailDeliveries, users } from "~/server/db/schema";
import { withSession } from "~/server/db/tenant";
import { rereadEnv } from "~/server/env";
import { notify } from "~/server/services/notify";
import { unsubscribeByLink, unsubscribeLink } from "~/server/services/unsubscribe";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { sessionOf } from "~/test/sessions";
import { header, startTestSmtp, type TestSmtp } from "~/test/smtp";
import { useTestDatabase } from "~/test/test-database";
import { startQueueWorker, type QueueWorker } from "./runner";

describe("the job queue and mail", () => {
  const t = useTestDatabase();
  let smtp: TestSmtp;
  let org: OrgFixture;
  const APP_URL = "https://runbalance.example";

  beforeAll(async () => {
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
    process.env.NEXTAUTH_URL = APP_URL;
    rereadEnv();
    org = await createOrgFixture(t.db, "mailq");
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.NEXTAUTH_URL;
    rereadEnv();
    await smtp?.close();
  });

  /** The coach comments on athlete 1's run: notify() in the coach's own request transaction. */
  async function coachComments(title: string): Promise<void> {
    await withSession(t.app.db, sessionOf(org.users.coach.id), async (tx) => {
      await enterOrganisation(tx, org.users.coach.id, org.slug);
      await notify(tx, org.orgId, [
        {
          recipientUserId: org.users.athlete1.id,
          kind: "comment",
          athleteId: org.athleteIds.athlete1,
          actorUserId: org.users.coach.id,
          title,
          body: "Nice and easy, well done.",
          link: `/o/${org.slug}/runs/${org.runIds.public1}`,
        },
      ]);
    });
  }

  const deliveries = (userId: string) =>
    t.db
      .select()
      .from(mailDeliveries)
      .where(and(eq(mailDeliveries.orgId, org.orgId), eq(mailDeliveries.recipientUserId, userId)));

  const subjectIs = (subject: string) => (m: { raw: string }) => header(m.raw, "Subject") === subject;

  describe("one worker in this process", () => {
    let worker: QueueWorker;
    beforeAll(async () => {
      worker = await startQueueWorker(t.url, { pollInterval: 200, crontab: false, concurrency: 2 });
    });
    afterAll(async () => {
      await worker?.stop();
    });

    it("mails a comment with text and HTML parts and one-click unsubscribe headers, and records the delivery", async () => {
      await coachComments("Your coach commented on your run");
      const [mail] = await smtp.waitFor(subjectIs("Your coach commented on your run"));
      expect(mail!.to).toEqual([org.users.athlete1.email]);
      expect(header(mail!.raw, "List-Unsubscribe")).toMatch(
        new RegExp(`^<${APP_URL}/api/unsubscribe/${org.users.athlete1.id}\\.comment\\.[0-9a-f]{64}>$`),
      );
      expect(header(mail!.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      expect(header(mail!.raw, "Content-Type")).toMatch(/^multipart\/alternative/);
      expect(mail!.raw).toMatch(/Content-Type: text\/plain/);
      expect(mail!.raw).toMatch(/Content-Type: text\/html/);
      // SMTP accepts before the worker commits the outcome.
      const [delivery] = await eventually(
        () => deliveries(org.users.athlete1.id),
        (rows) => rows[0]?.status === "accepted",
      );
      expect(delivery).toMatchObject({ kind: "comment", status: "accepted", attempts: 1, lastError: null });
      expect(delivery!.acceptedAt).toBeInstanceOf(Date);
    });

    it("a rolled-back change enqueues nothing", async () => {
      const before = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs`);
      await withSession(t.app.db, sessionOf(org.users.coach.id), async (tx) => {
        await enterOrganisation(tx, org.users.coach.id, org.slug);
        await notify(tx, org.orgId, [
          { recipientUserId: org.users.athlete1.id, kind: "comment", title: "Rolled back", link: "/" },
        ]);
        throw new Error("roll back");
      }).catch(() => {});
      const after = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs`);
      expect(after[0]!.n).toBeLessThanOrEqual(before[0]!.n);
      expect(smtp.received.filter(subjectIs("Rolled back"))).toHaveLength(0);
    });

    it("the app's login cannot enqueue a job for another organisation", async () => {
      const other = await createOrgFixture(t.db, "mailq-other");
      await expect(
        withSession(t.app.db, sessionOf(org.users.coach.id), async (tx) => {
          await enterOrganisation(tx, org.users.coach.id, org.slug);
          await tx.execute(
            sql`select app.enqueue_job('notification-mail', ${JSON.stringify({ orgId: other.orgId, notifications: [] })}::jsonb, null)`,
          );
        }),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/organisation of its context/) } });
    });

    it("unsubscribes with the link's one-click POST (not its GET), and then sends no mail of that kind", async () => {
      const [mail] = smtp.received.filter(subjectIs("Your coach commented on your run"));
      const url = /^<(.+)>$/.exec(header(mail!.raw, "List-Unsubscribe")!)![1]!;
      const token = url.split("/").at(-1)!;
      // The confirmation page's data: what and for whom, and nothing changed yet.
      expect(await unsubscribeLink(t.app.db, token)).toMatchObject({
        label: "Comments and replies",
        unsubscribed: false,
      });
      // A forged token for another user is refused.
      const forged = token.replace(org.users.athlete1.id, org.users.athlete2.id);
      expect(await unsubscribeByLink(t.app.db, forged)).toBe(false);
      expect(await unsubscribeByLink(t.app.db, token)).toBe(true);
      const [prefs] = await t.db
        .select({ p: users.mailPreferences })
        .from(users)
        .where(eq(users.id, org.users.athlete1.id));
      expect(prefs!.p).toMatchObject({ comment: "never" });

      await coachComments("A second comment after unsubscribing");
      // The notification job runs and sends nothing: wait until the queue is empty, then look.
      await waitForEmptyQueue();
      expect(smtp.received.filter(subjectIs("A second comment after unsubscribing"))).toHaveLength(0);
      expect(await deliveries(org.users.athlete1.id)).toHaveLength(1);
      await t.db.update(users).set({ mailPreferences: {} }).where(eq(users.id, org.users.athlete1.id));
    });

    it("retries with back-off while the SMTP server refuses, then delivers once, recording the attempts", async () => {
      smtp.refuseNext(2);
      await coachComments("Refused twice, then accepted");
      const [mail] = await smtp.waitFor(subjectIs("Refused twice, then accepted"), 1, 25_000);
      expect(mail).toBeDefined();
      const [delivery] = await eventually(
        async () =>
          (await deliveries(org.users.athlete1.id)).filter((d) => d.subject === "Refused twice, then accepted"),
        (rows) => rows[0]?.status === "accepted",
      );
      expect(delivery).toMatchObject({ status: "accepted", attempts: 3 });
      expect(delivery!.lastError).toBeNull();
    }, 40_000);
  });

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || performance.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function waitForEmptyQueue(timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const [row] = await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from graphile_worker.jobs where task_identifier <> 'scheduler-tick'`,
      );
      if (row!.n === 0) return;
      if (performance.now() > deadline) throw new Error("the queue did not empty");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  describe("worker processes", () => {
    const children: ChildProcess[] = [];
    // A Monday, 09:00 UTC (the fixture's members live in UTC): digest time.
    const monday = (() => {
      const today = now().toISOString().slice(0, 10);
      const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
      return addDays(today, (8 - weekday) % 7 || 7);
    })();

    function spawnWorker(extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
      const child = spawn(
        process.execPath,
        // node itself (tsx as a loader, not its CLI, which would run the worker in a child): SIGKILL hits the worker.
        ["--import", "tsx", "--conditions=react-server", resolve("scripts/worker.ts")],
        {
          env: {
            ...process.env,
            WORKER_DATABASE_URL: t.url,
            SMTP_URL: smtp.url,
            NEXTAUTH_URL: APP_URL,
            WORKER_POLL_INTERVAL_MS: "200",
            WORKER_CRONTAB: "off",
            RUNBALANCE_TEST_NOW: `${monday}T09:00:00Z`,
            RUNBALANCE_TEST_NOW_SINCE: "",
            ...extraEnv,
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      children.push(child);
      return new Promise((resolveReady, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("[worker] ready")) resolveReady(child);
        });
        child.on("exit", (code) => reject(new Error(`worker exited early (${code}): ${out}`)));
      });
    }

    afterEach(async () => {
      for (const child of children.splice(0)) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          await new Promise((r) => child.once("exit", r));
        }
      }
    });

    it("sends one digest per coach and week with two workers and the scheduler firing twice", async () => {
      await Promise.all([spawnWorker(), spawnWorker()]);
      for (let i = 0; i < 2; i++) await t.db.execute(sql`select graphile_worker.add_job('scheduler-tick', '{}'::json)`);
      // Even jobs without a key, twice over, mail once: the delivery's idempotency key decides.
      for (let i = 0; i < 2; i++) {
        await t.db.execute(
          sql`select graphile_worker.add_job('coach-digest', ${JSON.stringify({ orgId: org.orgId, userId: org.users.coach.id, weekStart: monday })}::json)`,
        );
      }
      const isDigestTo = (email: string) => (m: { raw: string; to: string[] }) =>
        m.to.includes(email) && (header(m.raw, "Subject") ?? "").startsWith("Your week ahead");
      await smtp.waitFor(isDigestTo(org.users.coach.email), 1, 30_000);
      await waitForEmptyQueue(30_000);
      expect(smtp.received.filter(isDigestTo(org.users.coach.email))).toHaveLength(1);
      expect(smtp.received.filter(isDigestTo(org.users.owner.email))).toHaveLength(1);
      const digest = smtp.received.find(isDigestTo(org.users.coach.email))!;
      expect(digest.raw).toContain("Who needs attention");
      expect(digest.raw).toContain("No plan for the coming week");
      expect(digest.raw).toContain("Unread comments");
      const rows = (await deliveries(org.users.coach.id)).filter((d) => d.kind === "digest");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ idempotencyKey: `digest:${org.users.coach.id}:${monday}`, status: "accepted" });
    }, 60_000);

    it("retries the job of a worker killed (SIGKILL) mid-delivery on another worker", async () => {
      const doomed = await spawnWorker();
      smtp.hold();
      await coachComments("Delivered despite a killed worker");
      // The doomed worker is the only one: it takes the job and waits on the held SMTP answer.
      const deadline = performance.now() + 20_000;
      for (;;) {
        const [row] = await t.db.execute<{ n: number }>(
          sql`select count(*)::int as n from graphile_worker.jobs where locked_by is not null and task_identifier = 'notification-mail'`,
        );
        if (row!.n > 0) break;
        if (performance.now() > deadline) throw new Error("no worker took the job");
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 500));
      doomed.kill("SIGKILL");
      await new Promise((r) => doomed.once("exit", r));
      smtp.dropHeld();
      await spawnWorker();
      const mails = await smtp.waitFor(subjectIs("Delivered despite a killed worker"), 1, 40_000);
      expect(mails).toHaveLength(1);
      const [delivery] = await eventually(
        async () =>
          (await deliveries(org.users.athlete1.id)).filter((d) => d.subject === "Delivered despite a killed worker"),
        (rows) => rows[0]?.status === "accepted",
      );
      expect(delivery).toMatchObject({ status: "accepted", attempts: 1 });
    }, 70_000);
  });
});
