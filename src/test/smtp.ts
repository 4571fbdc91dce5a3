/**
 * A real SMTP server for tests (the `smtp-server` package): keeps every message it accepts, and can
 * refuse the next messages (451, a temporary failure) or hold them unanswered, to test retries and
 * a worker killed mid-delivery.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** performance.now() when accepted. */
  at: number;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Refuse the next `count` messages with 451. */
  refuseNext: (count: number) => void;
  /** Leave messages unanswered (the sender waits, mid-delivery) until `dropHeld()`. */
  hold: () => void;
  /** Stops holding; held messages were never acknowledged, so they are not kept (their sender was killed). */
  dropHeld: () => void;
  /** Resolves when `count` messages matching `match` have arrived. */
  waitFor: (match: (mail: ReceivedMail) => boolean, count?: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
}

/** Unfolded header value of a raw message (first occurrence), or null. */
export function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  let holding = false;
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const answer = () => {
          if (refusals > 0) {
            refusals--;
            const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
            callback(error);
            return;
          }
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
            at: performance.now(),
          });
          callback();
        };
        if (holding) held.push(answer);
        else answer();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (count) => {
      refusals = count;
    },
    hold: () => {
      holding = true;
    },
    dropHeld: () => {
      holding = false;
      held.splice(0);
    },
    waitFor: async (match, count = 1, timeoutMs = 20_000) => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = received.filter(match);
        if (found.length >= count) return found;
        if (performance.now() > deadline) {
          throw new Error(`waited ${timeoutMs} ms for ${count} mail(s), got ${found.length} (of ${received.length})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
