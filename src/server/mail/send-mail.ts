import "server-only";
import nodemailer from "nodemailer";
import type { Tx } from "~/server/db/connection";
import { outboxEmails } from "~/server/db/schema";
import { optionalEnv } from "~/server/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Mail goes to SMTP when SMTP_URL is configured; otherwise to the development outbox. */
export const mailIsDelivered = () => optionalEnv().SMTP_URL !== undefined;

let transport: nodemailer.Transporter | undefined;

/**
 * Sends a mail on behalf of an organisation. Without SMTP (development, tests, offline demos) the
 * mail is written to the organisation's outbox, readable by its owners, and to the server log, so
 * flows such as invitations work end to end with no network.
 */
export async function sendMail(tx: Tx, orgId: string, mail: Mail): Promise<void> {
  if (mailIsDelivered()) {
    const { SMTP_URL, MAIL_FROM } = optionalEnv();
    transport ??= nodemailer.createTransport(SMTP_URL);
    await transport.sendMail({ from: MAIL_FROM, ...mail });
    return;
  }
  await tx.insert(outboxEmails).values({ orgId, ...mail });
  console.log(`[mail] (outbox, no SMTP configured) to ${mail.to}: ${mail.subject}`);
}
