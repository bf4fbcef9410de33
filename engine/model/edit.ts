// Edits to a design's text that keep the user's comments, key order and formatting where
// possible: the YAML document is changed in place and printed again, never rebuilt.
import { isMap, isScalar, isSeq, parse, parseDocument, type Document } from 'yaml';
import type { Path } from './locate.js';

export interface TextEdit {
  path: Path;
  /** undefined deletes the value at path. */
  value: unknown;
}

const PRINT = { lineWidth: 0, flowCollectionPadding: true } as const;

/** Applies edits to the text; throws when the text is not valid YAML (callers keep it then). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`cannot edit text with YAML errors: ${doc.errors[0]!.message}`);
  for (const e of edits) {
    if (e.value === undefined) doc.deleteIn(e.path);
    else {
      const existing = doc.getIn(e.path, true);
      if (existing !== undefined && existing !== null) syncNode(doc, e.path, existing, e.value);
      else doc.setIn(e.path, doc.createNode(e.value, { flow: isFlowFriendly(e.value) }));
    }
  }
  return doc.toString(PRINT);
}

/** Makes the text's document equal to `next` (a plain design object), changing only what
 * differs so comments and order on untouched parts survive. */
export function syncText(text: string, next: Record<string, unknown>): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return dumpYaml(next);
  syncNode(doc, [], doc.getIn([], true), next);
  return doc.toString(PRINT);
}

function syncNode(doc: Document, path: Path, node: unknown, next: unknown): void {
  if (isMap(node) && isPlainObject(next)) {
    for (const item of [...node.items]) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (!(key in next)) node.delete(item.key);
    }
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) {
        node.delete(k);
        continue;
      }
      const child = node.get(k, true);
      if (child === undefined) node.set(doc.createNode(k), doc.createNode(v, { flow: isFlowFriendly(v) }));
      else syncNode(doc, [...path, k], child, v);
    }
    return;
  }
  if (isSeq(node) && Array.isArray(next)) {
    while (node.items.length > next.length) node.items.pop();
    next.forEach((v, i) => {
      const child = node.items[i];
      if (child === undefined) node.items.push(doc.createNode(v, { flow: isFlowFriendly(v) }));
      else syncNode(doc, [...path, i], child, v);
    });
    return;
  }
  if (isScalar(node) && !isObjectLike(next)) {
    if (node.value !== next) node.value = next;
    return;
  }
  doc.setIn(path, doc.createNode(next, { flow: isFlowFriendly(next) }));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isObjectLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}
/** Small objects of scalars read best inline: `{ to: db, timeout: 2s }`. */
function isFlowFriendly(v: unknown): boolean {
  if (!isPlainObject(v)) return Array.isArray(v) && v.every((x) => !isObjectLike(x)) && v.length <= 8;
  const vals = Object.values(v);
  return vals.length <= 4 && vals.every((x) => !isObjectLike(x));
}

export function dumpYaml(value: unknown): string {
  const doc = parseDocument('{}');
  doc.contents = doc.createNode(value) as typeof doc.contents;
  return doc.toString(PRINT);
}

function readsAsSameString(v: string): boolean {
  try {
    return parse(v) === v;
  } catch {
    return false;
  }
}

/** A scalar as YAML source that is safe in block and flow context alike (quoted when needed). */
export function scalarSource(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  const plain =
    v.length > 0 &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) &&
    !/[\s]$/.test(v) &&
    !/[,[\]{}#]|: /.test(v) &&
    !/^(yes|no|on|off)$/i.test(v) && // YAML 1.1 readers take these as booleans
    readsAsSameString(v);
  return plain ? v : JSON.stringify(v);
}
