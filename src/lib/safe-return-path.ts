/**
 * Return paths after sign-in (`callbackUrl` and the like) accept only same-site paths: a path that
 * starts with one "/" and that no browser could read as another origin. Refused, whatever their
 * encoding (checked again after each round of percent-decoding): absolute and scheme-relative URLs
 * ("https://…", "//…", "javascript:…"), backslashes (browsers read "/\" as "//"), and control or
 * invisible characters (browsers drop tabs and newlines, so "/\t/evil.example" becomes "//evil.example";
 * CR/LF in a Location header is a header injection).
 */

/** C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators. */
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\\]/;
const MAX_LENGTH = 2048;
/** Percent-decoding rounds to look through ("%252F" is "%2F" is "/"); more layers are refused. */
const DECODING_ROUNDS = 4;

function isSafeForm(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE_CHARACTERS.test(path);
}

/** Is `candidate` a path on this site that is safe to redirect to, in every decoding of it? */
export function isSafeReturnPath(candidate: unknown): candidate is string {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > MAX_LENGTH) return false;
  let form = candidate;
  for (let round = 0; round <= DECODING_ROUNDS; round++) {
    if (!isSafeForm(form)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return false; // a malformed escape: nobody's legitimate return path
    }
    if (decoded === form) return true;
    form = decoded;
  }
  return false;
}

/** `candidate` when it is a safe same-site path (see isSafeReturnPath), otherwise `fallback`. */
export function safeReturnPath(candidate: unknown, fallback = "/dashboard"): string {
  return isSafeReturnPath(candidate) ? candidate : fallback;
}

/**
 * For next-auth's `redirect` callback, which sees absolute URLs on this site as well as paths: the
 * absolute URL of a safe return path on `baseUrl`, else `baseUrl` + `fallback`. An absolute URL on
 * this site is judged by its path, query and fragment as they were written.
 */
export function safeRedirectUrl(url: string, baseUrl: string, fallback = "/dashboard"): string {
  const base = new URL(baseUrl);
  let path: string = url;
  if (!url.startsWith("/")) {
    const origin = base.origin;
    // Only this exact origin followed by a path: no userinfo, port or host tricks.
    path = url.startsWith(`${origin}/`) ? url.slice(origin.length) : "";
  }
  return `${base.origin}${safeReturnPath(path, fallback)}`;
}
