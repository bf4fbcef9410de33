// Edits that change only the characters they must. The engine's applyEdits re-prints the whole
// document (comments and order kept, but hand-wrapped flow mappings re-flowed); for the edits the
// canvas and the inspector make most (a scalar value, a node's position) we replace the value's
// source range instead, so everything else in the file stays byte for byte as the user wrote it.
import { isMap, isScalar, isSeq } from 'yaml';
import { applyEdits, scalarSource, type TextEdit } from '../../engine/index';
import { documentOf } from './rawDocument';

type Scalar = string | number | boolean;
const isScalarValue = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export { scalarSource };

/** A scalar, or a small mapping of scalars as a one-line flow mapping; null for anything else. */
function flowSource(v: unknown): string | null {
  if (isScalarValue(v)) return scalarSource(v);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 6 || !entries.every(([, x]) => isScalarValue(x))) return null;
  return `{ ${entries.map(([k, x]) => `${scalarSource(k)}: ${scalarSource(x as Scalar)}`).join(', ')} }`;
}

/** A node-sized mapping as an indented block (so later edits to it stay surgical), else flow. */
function blockOrFlowSource(v: unknown, indent: number): string | null {
  // Big mappings, and mappings of mappings (`operations: { "GET /x": { weight: 1 } }`), as blocks.
  const isMapping = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isMapping(v) && (Object.keys(v as object).length > 2 || Object.values(v as object).some(isMapping))) {
    const pad = ' '.repeat(indent + 2);
    const lines: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (Array.isArray(x) && x.length === 0) lines.push(`${pad}${scalarSource(k)}: []`);
      else {
        const f = flowSource(x);
        if (f === null) return null;
        lines.push(`${pad}${scalarSource(k)}: ${f}`);
      }
    }
    return `\n${lines.join('\n')}`;
  }
  if (Array.isArray(v) && v.length > 0) {
    const items = v.map(flowSource);
    if (items.some((i) => i === null)) return null;
    return `\n${items.map((i) => `${' '.repeat(indent + 2)}- ${i}`).join('\n')}`;
  }
  return flowSource(v);
}

/** Applies edits, surgically where it can; the rest through applyEdits. Throws on broken YAML. */
export function editText(text: string, edits: readonly TextEdit[]): string {
  // The memoized parse: the edits only read the document's ranges, and a large design's parse
  // is the dearest part of a drop (the store warms it in idle time).
  const doc = documentOf(text);
  if (doc.errors.length > 0) return applyEdits(text, edits);
  const replacements: { from: number; to: number; text: string }[] = [];
  const rest: TextEdit[] = [];
  const tryScalar = (path: readonly (string | number)[], value: unknown): boolean => {
    if (!isScalarValue(value)) return false;
    const node = doc.getIn(path, true);
    if (!isScalar(node) || !node.range || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return false;
    replacements.push({ from: node.range[0], to: node.range[1], text: scalarSource(value) });
    return true;
  };
  /** A new key in an existing block mapping (or a new top-level block): one inserted line. */
  const inserted = new Map<string, { at: number; head: string; indent: number; lines: string[] }>();
  /** Where a deleted block key's line was, by parent: a key added to the same mapping in the
   * same batch goes there (switching `rate` for `users` keeps the field's place). */
  const vacated = new Map<string, number>();
  const deletedFrom = new Map<string, Set<string>>();
  const setKeys = new Set<string>();
  /** A path at or under a key this batch deleted: left to applyEdits (on the edited text). */
  const underDeleted = (path: readonly (string | number)[]) =>
    path.some((k, i) => deletedFrom.get(path.slice(0, i).join('\0'))?.has(String(k)) === true);
  /** Deletes a key of a mapping: its lines in a block mapping (comments on other lines stay), or
   * `, key: value` in a one-line flow mapping. A key that is not there needs no edit at all. */
  const tryDelete = (path: readonly (string | number)[]): boolean => {
    const key = path.at(-1);
    const parentPath = path.slice(0, -1);
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (typeof key !== 'string' || !isMap(parent) || !parent.range) return false;
    const parentKey = parentPath.join('\0');
    const done = deletedFrom.get(parentKey) ?? new Set<string>();
    const index = parent.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
    if (index === -1) return !setKeys.has(path.join('\0')); // absent: nothing to do (unless set in this batch)
    const pair = parent.items[index]!;
    const keyRange = (pair.key as { range?: [number, number, number] }).range;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    // Never empty a mapping this way (`x: {}` or a null would be a different value).
    if (!keyRange || !valueRange || done.size + 1 >= parent.items.length) return false;
    if (!parent.flow) {
      const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
      if (text.slice(lineStart, keyRange[0]).trim() !== '') return false; // `- key:` shares its line
      const last = valueRange[1];
      const nl = text[last - 1] === '\n' ? last - 1 : text.indexOf('\n', last);
      const end = nl === -1 ? text.length : nl + 1;
      replacements.push({ from: lineStart, to: end, text: '' });
      if (!vacated.has(parentKey)) vacated.set(parentKey, end);
    } else {
      // `{ a: 1, key: 2, c: 3 }`: from the end of the item before (or from this key up to the
      // next one, for the first) — on one line without comments only.
      const prev = parent.items[index - 1];
      const next = parent.items[index + 1];
      const prevEnd = (prev?.value as { range?: [number, number, number] } | null)?.range?.[1];
      const nextStart = (next?.key as { range?: [number, number, number] } | null)?.range?.[0];
      const [from, to] = prev ? [prevEnd, valueRange[1]] : [keyRange[0], nextStart];
      if (from === undefined || to === undefined || /[\n#]/.test(text.slice(from, to))) return false;
      // The first item's range runs up to the second's key: those two would overlap.
      const nameOf = (i: number) => {
        const k = parent.items[i]?.key;
        return isScalar(k) ? String(k.value) : '';
      };
      if ((index === 0 && done.has(nameOf(1))) || (index === 1 && done.has(nameOf(0)))) return false;
      replacements.push({ from, to, text: '' });
    }
    done.add(key);
    deletedFrom.set(parentKey, done);
    return true;
  };
  const tryInsert = (path: readonly (string | number)[], value: unknown): boolean => {
    const key = path.at(-1);
    if (doc.getIn(path, true) !== undefined) return false;
    const parentPath = path.slice(0, -1);
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    // Appending to a block list: one "- item" line after its last item.
    if (typeof key === 'number' && isSeq(parent) && !parent.flow && parent.items.length === key && parent.range) {
      const item = flowSource(value);
      const firstItem = parent.items[0] as { range?: [number, number, number] } | undefined;
      if (item === null || !firstItem?.range) return false;
      const dash = text.lastIndexOf('-', firstItem.range[0]);
      const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
      const nl = text.indexOf('\n', parent.range[1] - 1);
      const at = nl === -1 ? text.length : nl + 1;
      replacements.push({ from: at, to: at, text: `${nl === -1 ? '\n' : ''}${' '.repeat(dash - lineStart)}- ${item}\n` });
      return true;
    }
    if (typeof key !== 'string') return false;
    const parentKeyNode = isMap(parent) && parent.items[0] ? (parent.items[0].key as { range?: [number, number, number] } | null) : null;
    // An empty flow mapping (`nodes: {}`, a blank design) becomes a block one: `nodes:` and the
    // new entries indented under it, never `nodes: { a: { kind: ... }, b: ... }` on one line.
    const emptyFlow = isMap(parent) && parent.flow && parent.items.length === 0 && parent.range ? parent.range : null;
    const emptyFlowIndent = emptyFlow ? /^ */.exec(text.slice(text.lastIndexOf('\n', emptyFlow[0] - 1) + 1))![0].length + 2 : 0;
    const childIndent = emptyFlow
      ? emptyFlowIndent
      : parentKeyNode?.range
        ? parentKeyNode.range[0] - (text.lastIndexOf('\n', parentKeyNode.range[0] - 1) + 1)
        : 2;
    const inline = blockOrFlowSource(value, childIndent);
    if (inline === null) return false;
    // A new key is quoted as its siblings are ('GET /a' beside 'GET /b'), else only when needed.
    const siblingKey = isMap(parent) ? parent.items[0]?.key : undefined;
    const keyText =
      isScalar(siblingKey) && siblingKey.type === 'QUOTE_SINGLE'
        ? `'${key.replace(/'/g, "''")}'`
        : isScalar(siblingKey) && siblingKey.type === 'QUOTE_DOUBLE'
          ? JSON.stringify(key)
          : scalarSource(key);
    const entry = (indent: number) => `${' '.repeat(indent)}${keyText}:${inline.startsWith('\n') ? '' : ' '}${inline}\n`;
    const parentKey = parentPath.join('\0');
    const open = inserted.get(parentKey);
    if (open) {
      open.lines.push(entry(open.indent));
      return true;
    }
    if (isMap(parent) && !parent.flow && parent.items.length > 0 && parent.range) {
      const first = parent.items[0]!.key as { range?: [number, number, number] } | null;
      if (!first?.range) return false;
      const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const indent = first.range[0] - lineStart;
      const nl = text.indexOf('\n', parent.range[1] - 1);
      const spot = vacated.get(parentKey);
      const at = spot ?? (nl === -1 ? text.length : nl + 1);
      const prefix = spot === undefined && nl === -1 ? '\n' : '';
      inserted.set(parentKey, { at, head: prefix, indent, lines: [entry(indent)] });
      return true;
    }
    // A new key in a one-line flow mapping (`{ weight: 1 }`): `, key: value` before its brace.
    if (isMap(parent) && parent.flow && parent.items.length > 0 && parent.range && !inserted.has(parentKey)) {
      const item = flowSource(value);
      const close = text.lastIndexOf('}', parent.range[1] - 1);
      if (item === null || close < parent.range[0] || text.slice(parent.range[0], close).includes('\n')) return false;
      let at = close;
      while (at > parent.range[0] && text[at - 1] === ' ') at--;
      replacements.push({ from: at, to: at, text: `, ${scalarSource(key)}: ${item}` });
      return true;
    }
    if (emptyFlow) {
      let from = emptyFlow[0];
      while (from > 0 && text[from - 1] === ' ') from--;
      const close = text.indexOf('}', emptyFlow[0]) + 1;
      replacements.push({ from, to: close, text: '' });
      const nl = text.indexOf('\n', close);
      const at = nl === -1 ? text.length : nl + 1;
      inserted.set(parentKey, { at, head: nl === -1 ? '\n' : '', indent: emptyFlowIndent, lines: [entry(emptyFlowIndent)] });
      return true;
    }
    // A missing top-level block such as `layout:` goes at the end of the file.
    if (parent === undefined && parentPath.length === 1 && typeof parentPath[0] === 'string' && isMap(doc.contents) && !doc.contents.flow) {
      const end = text.endsWith('\n') ? '' : '\n';
      inserted.set(parentKey, { at: text.length, head: `${end}${scalarSource(parentPath[0])}:\n`, indent: 2, lines: [entry(2)] });
      return true;
    }
    return false;
  };

  for (const e of edits) {
    if (underDeleted(e.path)) {
      rest.push(e);
      continue;
    }
    if (e.value === undefined && tryDelete(e.path)) continue;
    if (e.value !== undefined) setKeys.add(e.path.join('\0'));
    if (tryScalar(e.path, e.value)) continue;
    // A small mapping of scalars over an existing mapping with the same keys ({ x, y } positions).
    const node = doc.getIn(e.path, true);
    if (typeof e.value === 'object' && e.value !== null && !Array.isArray(e.value) && isMap(node)) {
      const entries = Object.entries(e.value as Record<string, unknown>);
      const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).sort();
      if (
        entries.length === keys.length &&
        entries
          .map(([k]) => k)
          .sort()
          .join('\0') === keys.join('\0') &&
        entries.every(([k, v]) => isScalarValue(v) && isScalar(node.get(k, true)))
      ) {
        for (const [k, v] of entries) tryScalar([...e.path, k], v);
        continue;
      }
    }
    if (tryInsert(e.path, e.value)) continue;
    rest.push(e);
  }
  for (const ins of inserted.values()) replacements.push({ from: ins.at, to: ins.at, text: ins.head + ins.lines.join('') });
  // Overlapping replacements cannot happen for distinct paths; apply from the end backwards.
  // At one offset, the later replacement goes first so the earlier one ends up before it.
  const order = new Map(replacements.map((r, i) => [r, i]));
  // A deletion starting where a line is inserted goes first, so the insertion is not deleted.
  const zeroWidth = (r: { from: number; to: number }) => (r.to === r.from ? 1 : 0);
  replacements.sort((a, b) => b.from - a.from || zeroWidth(a) - zeroWidth(b) || order.get(b)! - order.get(a)!);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.from) + r.text + out.slice(r.to);
  return rest.length > 0 ? applyEdits(out, rest) : out;
}
