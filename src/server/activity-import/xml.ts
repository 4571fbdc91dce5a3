/** Shared XML handling for GPX and TCX: decoding, parsing, and tolerant access to the result. */
import { XMLParser } from "fast-xml-parser";
import { grouped, MAX_POINTS } from "./limits";
import { ActivityFileError } from "./types";

export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Exporters disagree on prefixes (gpxtpx:hr, ns3:hr, plain hr); local names are what matter.
  removeNSPrefix: true,
  // Values stay strings and are converted where they are read: "0001" or "1e3" stay what they were.
  parseTagValue: false,
  // Activity files need no entities; not expanding them rules out entity-expansion bombs.
  processEntities: false,
});

/** Text of an XML file: UTF-8 unless a UTF-16 byte-order mark says otherwise. */
export function decodeText(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const encoding = b0 === 0xff && b1 === 0xfe ? "utf-16le" : b0 === 0xfe && b1 === 0xff ? "utf-16be" : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * A download cut off mid-file is still mostly there: keep everything up to the last complete
 * point and close the elements a point always sits in.
 */
function salvageCutOff(text: string, pointTag: string, closing: string): string | null {
  const end = text.lastIndexOf(`</${pointTag}>`);
  return end < 0 ? null : `${text.slice(0, end + pointTag.length + 3)}${closing}`;
}

function tryParse(text: string): XmlNode | null {
  try {
    const doc: unknown = parser.parse(text);
    return isNode(doc) ? doc : null;
  } catch {
    return null;
  }
}

/**
 * Refuses a file with more track points than any activity has before the parser builds an object for
 * each: counting start tags is a plain text scan, some hundred times cheaper than parsing.
 */
function assertPointCount(text: string, pointTag: string): void {
  const start = new RegExp(`<(?:[\\w.-]+:)?${pointTag}[\\s>/]`, "g");
  let count = 0;
  while (start.exec(text) !== null) {
    if (++count > MAX_POINTS) {
      throw new ActivityFileError(
        `it holds more than ${grouped(MAX_POINTS)} track points (about ${Math.round(MAX_POINTS / 3600)} hours at one a second), more than any single activity; it was not read`,
      );
    }
  }
}

/** Parses, falling back to the cut-off salvage; the flag says whether the salvage was needed. */
export function parseXml(text: string, pointTag: string, closing: string): { doc: XmlNode; salvaged: boolean } {
  assertPointCount(text, pointTag);
  const doc = tryParse(text);
  if (doc) return { doc, salvaged: false };
  const salvaged = salvageCutOff(text, pointTag, closing);
  const rescued = salvaged ? tryParse(salvaged) : null;
  if (rescued) return { doc: rescued, salvaged: true };
  throw new ActivityFileError("its XML is damaged and could not be read");
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The parser gives one child as an object and several as an array; always get an array of nodes. */
export function children(node: unknown, name: string): XmlNode[] {
  if (!isNode(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isNode);
}

export function child(node: unknown, name: string): XmlNode | null {
  return children(node, name)[0] ?? null;
}

/** Text content of an element or attribute, whether the parser made it a string or a node. */
export function text(node: unknown, name: string): string | null {
  if (!isNode(node)) return null;
  const value = node[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === "string") return first.trim();
  if (typeof first === "number") return String(first);
  if (isNode(first) && typeof first["#text"] === "string") return first["#text"].trim();
  return null;
}

export function numberAt(node: unknown, name: string): number | null {
  const value = text(node, name);
  if (value === null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
