/**
 * The client's address for rate limits (ADR 010). Only what this server can vouch for counts: the TCP
 * peer (stamped on every request by src/instrumentation.ts, with a nonce the client cannot know) and,
 * behind `TRUSTED_PROXY_HOPS` proxies of our own, the address the outermost of them saw, read from
 * the right of X-Forwarded-For. Entries further left are whatever the client wrote, so with no
 * trusted proxy (the default) X-Forwarded-For is ignored.
 */
import "server-only";
import { Server } from "node:http";
import { isIP } from "node:net";
import { headers as requestHeaders } from "next/headers";
import { trustedProxyHops } from "~/server/env";

/** The request header that carries the TCP peer's address (src/server/auth/socket-address.ts). */
export const SOCKET_ADDRESS_HEADER = "x-runbalance-socket-address";
export const SOCKET_STAMP_MARKER = Symbol.for("runbalance.socketAddressStamp");

type HeaderSource = { get(name: string): string | null } | Record<string, unknown>;

/** The TCP peer's address as this process stamped it, or null when the stamp is missing or forged. */
function stampedSocketAddress(headers: HeaderSource): string | null {
  const nonce = (Server.prototype as unknown as Record<symbol, string | undefined>)[SOCKET_STAMP_MARKER];
  const stamp = header(headers, SOCKET_ADDRESS_HEADER);
  if (!nonce || !stamp?.endsWith(` ${nonce}`)) return null;
  return stamp.slice(0, -(nonce.length + 1)) || null;
}

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function")
    return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : Array.isArray(value) ? value.join(",") : null;
}

/** Expands an IPv6 address to its eight groups, or null if it is not one. */
function ipv6Groups(address: string): string[] | null {
  if (isIP(address) !== 6) return null;
  const [head = "", tail] = address.split("::");
  const parse = (part: string) => (part ? part.split(":") : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 (::ffff:1.2.3.4) counts as two groups; only its prefix is used below.
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return groups.map((g) => (g.includes(".") ? g : Number.parseInt(g, 16).toString(16)));
}

/**
 * The key an address is counted under: IPv4 as it is, IPv6 by its /64 network (one subscriber gets
 * a whole /64 and can change addresses inside it at will), IPv4-mapped IPv6 as the IPv4 address.
 */
export function addressKey(address: string): string | null {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped) return mapped[1]!;
  if (isIP(trimmed) === 4) return trimmed;
  const groups = ipv6Groups(trimmed.split("%")[0]!);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : null;
}

/**
 * The client's address key, or null when the TCP peer is unknown (the stamp is missing: the request
 * did not come through this server's HTTP listener).
 */
export function clientAddress(headers: HeaderSource, trustedProxyHops: number): string | null {
  const socket = stampedSocketAddress(headers);
  if (!socket) return null;
  // Nearest first: the peer, then X-Forwarded-For from its right end (each proxy appends its peer).
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  const chain = [socket, ...forwarded].slice(0, trustedProxyHops + 1);
  // Walk back through our own proxies; stop at the first entry that is not an address.
  let chosen = addressKey(socket);
  for (const hop of chain.slice(1)) {
    const key = addressKey(hop);
    if (!key) break;
    chosen = key;
  }
  return chosen;
}

/** The client's address key for `request`, or for the request being rendered when there is none. */
export async function requestClientAddress(request?: Request): Promise<string | null> {
  return clientAddress(request?.headers ?? (await requestHeaders()), trustedProxyHops());
}
