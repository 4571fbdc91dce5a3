import { afterEach, describe, expect, it, vi } from "vitest";

describe("zod in the browser", () => {
  afterEach(() => {
    delete (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
    vi.resetModules();
  });

  it("never probes for eval once instrumentation-client has run (the probe is a CSP violation)", async () => {
    vi.resetModules();
    delete (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
    await import("./instrumentation-client");
    const { z } = await import("zod");
    const { util } = await import("zod/v4/core");
    const evalProbe = vi.spyOn(globalThis, "Function");
    expect(z.config().jitless).toBe(true);
    expect(z.object({ a: z.string() }).parse({ a: "x" })).toEqual({ a: "x" });
    expect(util.allowsEval.value).toBe(false);
    expect(evalProbe).not.toHaveBeenCalled();
  });
});
