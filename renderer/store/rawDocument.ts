// The plain value of a design's YAML as the user wrote it (units as strings, no defaults), which
// the inspector shows and the commands edit. Memoized on the text: many readers, one parse.
import { parseDocument } from 'yaml';

export type Raw = Record<string, unknown>;

let lastText: string | undefined;
let lastRaw: Raw | null = null;

/** The raw document, or null when the text is not valid YAML or not a mapping. */
export function rawOf(text: string): Raw | null {
  if (text === lastText) return lastRaw;
  lastText = text;
  try {
    const doc = parseDocument(text);
    const v: unknown = doc.errors.length > 0 ? null : doc.toJS({ maxAliasCount: 1000 });
    lastRaw = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : v === null || v === undefined ? null : null;
    if (doc.errors.length === 0 && (v === null || v === undefined)) lastRaw = {};
  } catch {
    lastRaw = null;
  }
  return lastRaw;
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
