import "server-only";
import nodemailer from "nodemailer";
import type { Tx } from "~/server/db/connection";
import { outboxEmails } from "~/server/db/schema";
import { optionalEnv } from "~/server/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The same content as HTML; mail to members has both parts (issue 17). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

/** Mail goes to SMTP when SMTP_URL is configured; otherwise to the development outbox. */
export const mailIsDelivered = () => optionalEnv().SMTP_URL !== undefined;

let transport: { url: string; send: ReturnType<typeof nodemailer.createTransport> } | undefined;

/** One transport per SMTP_URL, reused from mail to mail (tests change the URL between files). */
function smtp(url: string) {
  if (transport?.url !== url) {
    transport?.send.close();
    transport = { url, send: nodemailer.createTransport(url) };
  }
  return transport.send;
}

/** Sends through SMTP_URL; resolves once the server accepted the message, throws if it refused. */
async function deliver(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = optionalEnv();
  await smtp(SMTP_URL!).sendMail({ from: MAIL_FROM, ...mail });
}

/**
 * Sends a mail on behalf of an organisation. Without SMTP (development, tests, offline demos) the
 * mail is written to the organisation's outbox, readable by its owners, and to the server log, so
 * flows such as invitations work end to end with no network.
 */
export async function sendMail(tx: Tx, orgId: string, mail: Mail): Promise<void> {
  if (mailIsDelivered()) {
    await deliver(mail);
    return;
  }
  await tx.insert(outboxEmails).values({ orgId, to: mail.to, subject: mail.subject, text: mail.text });
  console.log(`[mail] (outbox, no SMTP configured) to ${mail.to}: ${mail.subject}`);
}

/**
 * Mail about an account rather than an organisation (sign-up confirmations). Without SMTP there is no
 * organisation outbox to put it in: in development it is printed to the server log (in production
 * only its subject: its links are credentials) and, when MAIL_OUTBOX_DIR is set (the end-to-end
 * tests, offline demos), written to a file there named after the recipient.
 */
export async function sendAccountMail(mail: Mail): Promise<void> {
  if (mailIsDelivered()) {
    await deliver(mail);
    return;
  }
  const { NODE_ENV, MAIL_OUTBOX_DIR: dir } = optionalEnv();
  const body = NODE_ENV === "production" ? "" : `\n${mail.text}`;
  console.log(`[mail] (not sent: no SMTP_URL configured) to ${mail.to}: ${mail.subject}${body}`);
  if (dir) {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    await mkdir(dir, { recursive: true });
    const file = `${mail.to.replace(/[^a-z0-9@._-]/gi, "_")}.${process.hrtime.bigint()}.txt`;
    await writeFile(join(dir, file), `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
  }
}
