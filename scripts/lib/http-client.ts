/**
 * A small HTTP client for driving a running Runbalance server the way a browser does: sign in through
 * next-auth (v4) and call tRPC procedures over HTTP (superjson's `{ json: … }` envelope). Used by
 * the resilience tests (src/test/resilience) and the soak run (scripts/soak.ts); loopback only.
 */

export interface Session {
  baseUrl: string;
  /** The Cookie header to send: the session token (and the CSRF cookie next-auth set). */
  cookie: string;
}

export interface TrpcResponse<T = unknown> {
  /** HTTP status; 0 when no response arrived (connection refused or reset, timeout). */
  status: number;
  data?: T;
  /** tRPC's error code ("BAD_REQUEST", …) or the network error's message. */
  error?: string;
  /** The Retry-After header, when the server sent one (503 during a database outage). */
  retryAfter?: string;
}

/** Cookies from Set-Cookie headers, as one Cookie header (name=value pairs only). */
function cookiesOf(response: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const),
  );
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/**
 * Signs in with email and password: next-auth v4 wants the CSRF token from /api/auth/csrf, posted
 * back with its cookie to the credentials callback, which answers with the session cookie.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  let cookie = cookiesOf(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/dashboard`, json: "true" }),
  });
  cookie = cookiesOf(response, cookie);
  if (!/session-token=/.test(cookie)) throw new Error(`Sign-in as ${email} failed (HTTP ${response.status})`);
  return { baseUrl, cookie };
}

async function readTrpc<T>(response: Response): Promise<TrpcResponse<T>> {
  const body = (await response.json().catch(() => null)) as {
    result?: { data?: { json?: T } };
    error?: { json?: { data?: { code?: string } } };
  } | null;
  if (response.ok) return { status: response.status, data: body?.result?.data?.json };
  const retryAfter = response.headers.get("retry-after") ?? undefined;
  return {
    status: response.status,
    error: body?.error?.json?.data?.code ?? `HTTP ${response.status}`,
    ...(retryAfter ? { retryAfter } : {}),
  };
}

/** What a network failure looks like to the caller: status 0 and the reason. */
function networkFailure(error: unknown): TrpcResponse<never> {
  const cause = (error as { cause?: { code?: string } }).cause;
  return { status: 0, error: cause?.code ?? (error instanceof Error ? error.message : String(error)) };
}

/** A tRPC mutation: POST /api/trpc/<path> with a superjson body. Never throws. */
export async function trpcMutation<T = unknown>(
  session: Session,
  path: string,
  input: unknown,
  timeoutMs = 15_000,
): Promise<TrpcResponse<T>> {
  try {
    const response = await fetch(`${session.baseUrl}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: session.cookie },
      body: JSON.stringify({ json: input }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return await readTrpc<T>(response);
  } catch (error) {
    return networkFailure(error);
  }
}

/** A tRPC query: GET /api/trpc/<path>?input=<superjson>. Never throws. */
export async function trpcQuery<T = unknown>(
  session: Session,
  path: string,
  input?: unknown,
  timeoutMs = 15_000,
): Promise<TrpcResponse<T>> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  try {
    const response = await fetch(`${session.baseUrl}/api/trpc/${path}${query}`, {
      headers: { cookie: session.cookie },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return await readTrpc<T>(response);
  } catch (error) {
    return networkFailure(error);
  }
}

/** GET /api/health's status: 200 when the database answers, 503 when not, 0 when nothing answers. */
export async function healthStatus(baseUrl: string, timeoutMs = 3_000): Promise<number> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
