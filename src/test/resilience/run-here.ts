/**
 * The files in this folder also match the default unit project's pattern (src/**\/*.test.ts), which
 * has no database: they run only under vitest.resilience.config.ts, which sets this flag.
 */
export const inResilienceRun = process.env.RUNBALANCE_RESILIENCE === "1";
