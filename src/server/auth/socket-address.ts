import "server-only";
import { randomBytes } from "node:crypto";
import { Server, type IncomingMessage } from "node:http";
import { SOCKET_ADDRESS_HEADER, SOCKET_STAMP_MARKER } from "./client-address";

/**
 * Next.js gives route handlers a web `Request`, without the TCP connection, and only fills in
 * X-Forwarded-For from the socket when the client sent none. So every request this process's HTTP
 * servers receive gets the socket's address under SOCKET_ADDRESS_HEADER, with a random per-process
 * nonce that clientAddress checks: a client sending that header itself (or a request that arrived
 * before this ran, during start-up) is not believed. Installed once per process from
 * src/instrumentation.ts.
 */
export function stampSocketAddresses(): void {
  const proto = Server.prototype as unknown as Record<symbol, string | undefined>;
  if (proto[SOCKET_STAMP_MARKER]) return;
  const nonce = randomBytes(16).toString("hex");
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[SOCKET_ADDRESS_HEADER] = `${req.socket?.remoteAddress ?? ""} ${nonce}`;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  proto[SOCKET_STAMP_MARKER] = nonce;
}
