/**
 * The content decides the format; the file name is only used to say when it lied (a .fit renamed
 * .gpx by a sync tool is still read as FIT).
 */
import { isFitAt } from "./fit-decode";
import type { ActivityFormat } from "./types";
import { decodeText } from "./xml";

// The root element sits after the XML declaration and perhaps a comment or stylesheet line.
const SNIFF_CHARS = 4096;
const GPX_ROOT = /<(?:[\w.-]+:)?gpx[\s>/]/;
export const TCX_ROOT = /<(?:[\w.-]+:)?TrainingCenterDatabase[\s>/]/;
/** A TCX that lost its root element: <Activities> holding an <Activity Sport="…">. */
const TCX_ACTIVITIES = /<(?:[\w.-]+:)?Activities\s*>\s*<(?:[\w.-]+:)?Activity\s+Sport=/;

export function detectFormat(bytes: Uint8Array): ActivityFormat | null {
  if (isFitAt(bytes, 0)) return "fit";
  const head = decodeText(bytes.subarray(0, SNIFF_CHARS * 2)).slice(0, SNIFF_CHARS);
  if (TCX_ROOT.test(head)) return "tcx";
  if (GPX_ROOT.test(head)) return "gpx";
  if (TCX_ACTIVITIES.test(head)) return "tcx";
  return null;
}

/** "run.fit.gz" → "fit"; null when the name carries no known format. */
export function formatFromName(fileName: string): ActivityFormat | null {
  const match = /\.(fit|gpx|tcx)(?:\.gz)?$/i.exec(fileName.trim());
  return match?.[1] ? (match[1].toLowerCase() as ActivityFormat) : null;
}
