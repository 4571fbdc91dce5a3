import { describe, expect, it } from "vitest";
import { GET } from "./route";

const answer = async (from: string) => {
  const response = GET(new Request(`http://localhost/unavailable?from=${encodeURIComponent(from)}`));
  return { response, html: await response.text() };
};

describe("/unavailable, where pages send readers while the database is down", () => {
  it("answers 503 with Retry-After, uncached, and goes back to the page it came from", async () => {
    const { response, html } = await answer("/o/riverside-rc?week=2026-12-07&x=1");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(html).toContain('content="5;url=/o/riverside-rc?week=2026-12-07&amp;x=1"');
    expect(html).toContain('<a href="/o/riverside-rc?week=2026-12-07&amp;x=1">Try again now</a>');
  });

  it("never sends anyone off the site, whatever `from` says", async () => {
    for (const hostile of ["https://evil.example/", "//evil.example", "/\\evil.example", 'javascript:alert(1)"']) {
      const { html } = await answer(hostile);
      expect(html).toContain('content="5;url=/dashboard"');
      expect(html).not.toContain("evil.example");
    }
  });
});
