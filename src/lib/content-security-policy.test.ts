import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

const directives = (policy: string) =>
  new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with the nonce, and closes plugins, <base>, foreign forms and framing", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123==", https: false }));
    expect(policy.get("script-src")).toBe("'nonce-abc123==' 'strict-dynamic'");
    expect(policy.get("style-src")).toBe("'self' 'nonce-abc123=='");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("without a nonce (responses that are not pages) allows no inline script at all", () => {
    const policy = directives(contentSecurityPolicy({ nonce: null, https: false }));
    expect(policy.get("script-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
  });

  it("lets only our own service worker and manifest load (ADR 018)", () => {
    for (const nonce of ["n", null]) {
      const policy = directives(contentSecurityPolicy({ nonce, https: false }));
      expect(policy.get("worker-src")).toBe("'self'");
      expect(policy.get("manifest-src")).toBe("'self'");
    }
  });

  it("upgrades insecure requests only when served over HTTPS", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});
