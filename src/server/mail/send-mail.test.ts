import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "~/server/db/connection";
import { sendMail } from "./send-mail";

/** Just enough SMTP to accept one message, keeping what was sent. */
function smtpServer(received: string[]): Server {
  return createServer((socket) => {
    let data = false;
    let buffer = "";
    socket.write("220 localhost ESMTP test\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = data ? buffer.indexOf("\r\n.\r\n") : buffer.indexOf("\r\n")) !== -1) {
        if (data) {
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write("250 OK queued\r\n");
          continue;
        }
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-localhost\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
}

describe("mail through SMTP (nodemailer)", () => {
  const received: string[] = [];
  let server: Server;

  beforeAll(async () => {
    server = smtpServer(received);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.MAIL_FROM = "Runbalance <no-reply@runbalance.example>";
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    await new Promise((resolve) => server.close(resolve));
  });

  it("delivers an invitation to SMTP_URL, with no database write", async () => {
    const noDatabase = new Proxy({}, { get: () => expect.unreachable("SMTP mail touched the database") }) as Tx;
    await sendMail(noDatabase, "org", {
      to: "maya@riverside.example",
      subject: "You are invited to Riverside",
      text: "Open this link to join: https://runbalance.example/invite/abc",
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^To: maya@riverside\.example\r$/m);
    expect(received[0]).toMatch(/^Subject: You are invited to Riverside\r$/m);
    expect(received[0]).toContain("https://runbalance.example/invite/abc");
  });
});
