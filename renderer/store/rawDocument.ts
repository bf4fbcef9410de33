// The parsed YAML document and the plain value of a design's YAML as the user wrote it (units as
// strings, no defaults), which the inspector shows and the commands edit. Memoized on the text:
// many readers, one parse. A large design's parse costs a frame or more, so the store primes the
// raw value after a move (it knows what changed) and warms the document in idle time.
import { parseDocument, type Document } from 'yaml';

export type Raw = Record<string, unknown>;

let docText: string | undefined;
let doc: Document.Parsed | undefined;
let lastText: string | undefined;
let lastRaw: Raw | null = null;

/** The parsed document of a text (memoized on the last text). Callers must not change it. */
export function documentOf(text: string): Document.Parsed {
  if (text !== docText || !doc) {
    doc = parseDocument(text);
    docText = text;
  }
  return doc;
}

/** The plain value of a parsed document: null when it has errors or is not a mapping. */
export function rawValue(d: Document.Parsed): Raw | null {
  try {
    const v: unknown = d.errors.length > 0 ? null : d.toJS({ maxAliasCount: 1000 });
    if (d.errors.length === 0 && (v === null || v === undefined)) return {};
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : null;
  } catch {
    return null;
  }
}

/** Records the document already parsed for a text (the engine's parseDesign returns it), so the
 * inspector and the next canvas command do not parse the text again. */
export function primeDocument(text: string, parsed: Document): void {
  docText = text;
  doc = parsed as Document.Parsed;
}

/** The raw document, or null when the text is not valid YAML or not a mapping. */
export function rawOf(text: string): Raw | null {
  if (text === lastText) return lastRaw;
  lastText = text;
  try {
    lastRaw = rawValue(documentOf(text));
  } catch {
    lastRaw = null;
  }
  return lastRaw;
}

/** Records the raw value of a text the caller derived without parsing (the previous raw value
 * with a known change applied), so the next rawOf(text) costs nothing. */
export function primeRaw(text: string, raw: Raw): void {
  lastText = text;
  lastRaw = raw;
}

/** The raw value last computed for exactly this text, if any (no parse). */
export function cachedRaw(text: string): Raw | null | undefined {
  return text === lastText ? lastRaw : undefined;
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
