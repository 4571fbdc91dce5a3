import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressKey, clientAddress, SOCKET_ADDRESS_HEADER } from "./client-address";
import { stampSocketAddresses } from "./socket-address";

/** What a real Node HTTP server sees for one request from 127.0.0.1 with these headers. */
async function headersSeen(server: ReturnType<typeof createServer>, sent: Record<string, string>) {
  const { port } = server.address() as AddressInfo;
  return new Promise<IncomingHttpHeaders>((done, fail) => {
    server.once("request", (req, res) => {
      done(req.headers);
      res.end();
    });
    request({ host: "127.0.0.1", port, headers: sent }).on("error", fail).end();
  });
}

describe("the client's address", () => {
  const server = createServer();
  beforeAll(async () => {
    stampSocketAddresses();
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("is the TCP peer by default, whatever X-Forwarded-For or a forged stamp header says", async () => {
    const headers = await headersSeen(server, {
      "x-forwarded-for": "203.0.113.9",
      [SOCKET_ADDRESS_HEADER]: "198.51.100.1",
    });
    expect(headers[SOCKET_ADDRESS_HEADER]).toMatch(/^127\.0\.0\.1 /);
    expect(clientAddress(headers, 0)).toBe("127.0.0.1");
    // Copying a stamp without this process's nonce does not work either.
    expect(clientAddress({ [SOCKET_ADDRESS_HEADER]: "198.51.100.1 0123" }, 0)).toBeNull();
  });

  it("behind N proxies of our own, is the entry N from the right of X-Forwarded-For, never further", async () => {
    const headers = await headersSeen(server, { "x-forwarded-for": "198.51.100.7, 203.0.113.5, 192.0.2.1" });
    expect(clientAddress(headers, 1)).toBe("192.0.2.1");
    expect(clientAddress(headers, 2)).toBe("203.0.113.5");
    // A client cannot prepend its way further left than the configured hops.
    expect(clientAddress(headers, 3)).toBe("198.51.100.7");
    expect(clientAddress(headers, 9)).toBe("198.51.100.7");
    // Garbage where an address should be stops the walk at the last real one.
    const spoofed = await headersSeen(server, { "x-forwarded-for": "not-an-ip, 192.0.2.1" });
    expect(clientAddress(spoofed, 2)).toBe("192.0.2.1");
  });

  it("counts IPv6 clients by their /64 and IPv4-mapped addresses as IPv4", () => {
    expect(addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("::ffff:192.0.2.33")).toBe("192.0.2.33");
    expect(addressKey("hello")).toBeNull();
  });

  it("is unknown when nothing stamped the request (not through this server's listener)", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9" }, 0)).toBeNull();
  });
});
