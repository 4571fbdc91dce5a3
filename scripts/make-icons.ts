/**
 * Draws the app's icons (public/icons/*.png) from one SVG with sharp, which Next.js already brings.
 * Run once by hand (`npx tsx scripts/make-icons.ts`) when the mark changes; the PNGs are committed.
 */
import { join } from "node:path";
import sharp from "sharp";

const out = join(import.meta.dirname, "..", "public", "icons");

/** A runner's stride over a balance line, white on the app's blue; `inset` keeps it in a maskable safe zone. */
function svg(size: number, inset: number): string {
  const s = size;
  const pad = s * inset;
  const w = s - 2 * pad;
  const at = (x: number, y: number) => `${pad + x * w} ${pad + y * w}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
  <rect width="${s}" height="${s}" rx="${inset ? 0 : s * 0.18}" fill="#1d4ed8"/>
  <path d="M ${at(0.18, 0.7)} L ${at(0.38, 0.42)} L ${at(0.55, 0.58)} L ${at(0.82, 0.26)}"
    fill="none" stroke="#ffffff" stroke-width="${w * 0.09}" stroke-linecap="round" stroke-linejoin="round"/>
  <line x1="${pad + 0.18 * w}" y1="${pad + 0.84 * w}" x2="${pad + 0.82 * w}" y2="${pad + 0.84 * w}"
    stroke="#ffffff" stroke-width="${w * 0.05}" stroke-linecap="round"/>
</svg>`;
}

async function main() {
  for (const size of [192, 512]) {
    await sharp(Buffer.from(svg(size, 0)))
      .png()
      .toFile(join(out, `icon-${size}.png`));
  }
  // Maskable: the platform crops it to its own shape, so the mark stays within the central 80 %.
  await sharp(Buffer.from(svg(512, 0.2)))
    .png()
    .toFile(join(out, "maskable-512.png"));
  await sharp(Buffer.from(svg(180, 0.08)))
    .png()
    .toFile(join(out, "apple-touch-icon.png"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
