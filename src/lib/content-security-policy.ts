/**
 * The Content-Security-Policy of every page: scripts run only with this response's nonce (Next.js
 * puts it on its own scripts) or when loaded by such a script ('strict-dynamic': Next's chunks);
 * no plugins, no <base>, forms post only here, and no other site may frame us. Styles come from our
 * own stylesheets (Tailwind, next/font) or carry the nonce; style attributes stay allowed because
 * the charts size their bars with them, and a style attribute cannot run script. The service
 * worker and the manifest come from here too.
 */
export function contentSecurityPolicy(options: { nonce: string | null; https: boolean }): string {
  const scripts = options.nonce ? `'nonce-${options.nonce}' 'strict-dynamic'` : "'self'";
  const styles = options.nonce ? `'self' 'nonce-${options.nonce}'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    `style-src ${styles}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (public/sw.js) and the web app manifest: our own files only (ADR 018).
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only behind HTTPS: over plain HTTP (local runs, tests) it would break every subresource.
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 128 random bits, base64: unguessable, fresh for every response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
