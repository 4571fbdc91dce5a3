import "server-only";
/**
 * Is this a POST whose Origin names another site? Cookie-authenticated endpoints refuse those: a
 * cross-site page could otherwise make the browser send them with the user's cookies. An Origin
 * that is not a URL ("null", sent by sandboxed frames, file: pages and some redirects) is foreign
 * too. Browsers always send Origin on cross-site POSTs; its absence means a same-site or non-browser
 * client.
 */
export function isCrossSitePost(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (request.method !== "POST" || origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  return host === "" || host !== (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
}
