/** Size limits, gzip unwrapping and hashing: everything done to the bytes before any format parser. */
import { createHash } from "node:crypto";
import { constants, gunzipSync } from "node:zlib";
import { MAX_DECOMPRESSED_BYTES, MAX_FILE_BYTES, megabytes, wholeMegabytes } from "./limits";
import { ActivityFileError } from "./types";

export function assertUploadSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ActivityFileError(
      `it is ${megabytes(bytes.length)}; files over ${wholeMegabytes(MAX_FILE_BYTES)} are not accepted`,
    );
  }
  if (bytes.length === 0) throw new ActivityFileError("it is empty");
}

/** Gzip is recognised by its magic bytes, whatever the file is called. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

type Unwrapped = { bytes: Uint8Array; warnings: string[] };

function zlibCode(e: unknown): unknown {
  return typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
}

/**
 * `untilCut`: decompress whatever is there (sync flush) instead of failing on a cut-off stream; a
 * truncated download of a .gz still holds most of the activity.
 */
function gunzip(bytes: Uint8Array, untilCut: boolean): Uint8Array {
  const out = gunzipSync(bytes, {
    maxOutputLength: MAX_DECOMPRESSED_BYTES,
    ...(untilCut ? { finishFlush: constants.Z_SYNC_FLUSH } : {}),
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function gzipError(e: unknown): ActivityFileError {
  if (zlibCode(e) === "ERR_BUFFER_TOO_LARGE") {
    return new ActivityFileError(
      `it decompresses to more than ${wholeMegabytes(MAX_DECOMPRESSED_BYTES)}, more than any single activity needs; it was not read further`,
    );
  }
  return new ActivityFileError(
    `it looks like gzip but cannot be decompressed (${e instanceof Error ? e.message : String(e)})`,
  );
}

export function unwrapGzip(bytes: Uint8Array): Unwrapped {
  if (!isGzip(bytes)) return { bytes, warnings: [] };
  try {
    return { bytes: gunzip(bytes, false), warnings: [] };
  } catch (e) {
    if (zlibCode(e) !== "Z_BUF_ERROR") throw gzipError(e);
  }
  try {
    return { bytes: gunzip(bytes, true), warnings: ["the gzip data is cut off; read the part that was there"] };
  } catch (e) {
    throw gzipError(e);
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
