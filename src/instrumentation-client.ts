/**
 * Runs in the browser before the app (Next.js instrumentation-client). zod, which forms load on
 * demand, probes once whether it may compile validators with `new Function`; under our
 * Content-Security-Policy (no 'unsafe-eval') the probe is blocked and reported as a violation.
 * jitless skips the probe (validation is the same, without compiled fast paths). zod reads this
 * setting from `globalThis.__zod_globalConfig` (src/instrumentation-client.test.ts pins that), and
 * setting it here, without importing zod, keeps zod out of every page's first load.
 */
const zodConfig = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodConfig.__zod_globalConfig = { ...zodConfig.__zod_globalConfig, jitless: true };

export {};
