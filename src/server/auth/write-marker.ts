import "server-only";
import { headers as requestHeaders } from "next/headers";
import { WRITE_MARKER_COOKIE } from "~/server/db/replica";

/**
 * The raw value of the write-marker cookie (ADR 023) of `request`, or of the request being rendered
 * when there is none; undefined when absent. Client input: src/server/db/replica.ts validates it.
 */
export async function requestWriteMarker(request?: Request): Promise<string | undefined> {
  const cookieHeader = (request?.headers ?? (await requestHeaders())).get("cookie") ?? "";
  for (const part of cookieHeader.split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === WRITE_MARKER_COOKIE)
      return part.slice(separator + 1).trim();
  }
  return undefined;
}
