import { IncomingMessage } from "node:http";
import { SOCKET_ADDRESS_HEADER, SOCKET_STAMP_MARKER } from "./client-address";

/**
 * Next.js gives route handlers a web `Request`, without the TCP connection, and only fills in
 * X-Forwarded-For from the socket when the client sent none. So every incoming request's headers get
 * the socket's address under SOCKET_ADDRESS_HEADER, overwriting whatever the client sent under that
 * name, when the headers are read (Node builds `req.headers` lazily through this getter, which Next
 * reads after our instrumentation hook ran). Installed once per process from src/instrumentation.ts.
 */
export function stampSocketAddresses(): void {
  const proto = IncomingMessage.prototype as unknown as Record<symbol, boolean>;
  if (proto[SOCKET_STAMP_MARKER]) return;
  const descriptor = Object.getOwnPropertyDescriptor(IncomingMessage.prototype, "headers");
  if (!descriptor?.get) throw new Error("node:http IncomingMessage has no headers getter to wrap");
  const read = descriptor.get;
  Object.defineProperty(IncomingMessage.prototype, "headers", {
    ...descriptor,
    get(this: IncomingMessage) {
      const headers = read.call(this) as Record<string, string | string[] | undefined>;
      headers[SOCKET_ADDRESS_HEADER] = this.socket?.remoteAddress ?? "";
      return headers;
    },
  });
  proto[SOCKET_STAMP_MARKER] = true;
}
