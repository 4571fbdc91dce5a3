/**
 * Bundles the service worker (src/service-worker/sw.ts) into public/sw.js after `next build`, with the
 * build's static files as its precache list (ADR 018: Next 16 builds with Turbopack, which
 * @serwist/next's webpack plugin cannot hook into, so the worker is built on its own with esbuild).
 * Run by `npm run build` and scripts/e2e.sh; public/sw.js is not committed.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const staticDir = join(root, ".next", "static");

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

async function main() {
  const buildId = (await readFile(join(root, ".next", "BUILD_ID"), "utf8")).trim();
  // Scripts and styles only: their names carry a content hash, so the URL is the revision.
  const files = (await filesUnder(staticDir)).filter((f) => /\.(js|css|woff2)$/.test(f));
  const entries: Array<{ url: string; revision: string | null }> = files.map((f) => ({
    url: `/_next/static/${relative(staticDir, f).split("\\").join("/")}`,
    revision: null,
  }));
  // The offline page changes with the build.
  entries.push({ url: "/offline", revision: buildId });
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;

  await build({
    entryPoints: [join(root, "src", "service-worker", "sw.ts")],
    outfile: join(root, "public", "sw.js"),
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    tsconfig: join(root, "tsconfig.json"),
    define: {
      PRECACHE_ENTRIES: JSON.stringify(entries),
      "process.env.NODE_ENV": '"production"',
    },
    legalComments: "none",
    logLevel: "warning",
  });
  const digest = createHash("sha256").update(JSON.stringify(entries)).digest("hex").slice(0, 8);
  console.log(
    `public/sw.js: ${entries.length} precached files (${Math.round(bytes / 1024)} kB), manifest ${digest}, build ${buildId}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
