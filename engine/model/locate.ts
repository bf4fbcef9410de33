// Maps a path in the parsed document (['nodes', 'order', 'replicas']) to a line and column in
// the source text, using the positions the YAML parser keeps on every node.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

export type Path = readonly (string | number)[];

function keyText(pair: Pair): string {
  const k = pair.key;
  return isScalar(k) ? String(k.value) : String(k);
}

/** Offset of the value at `path` (or of its key when `at === 'key'`), falling back to the
 * deepest ancestor that exists. */
export function offsetOf(doc: Document, path: Path, at: 'key' | 'value' = 'value'): number {
  let node: unknown = doc.contents;
  let lastPair: Pair | undefined;
  let found = true;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p) === String(seg));
      if (!pair) {
        found = false;
        break;
      }
      lastPair = pair;
      const keyNode = pair.key as Node | null;
      offset = keyNode?.range?.[0] ?? offset;
      node = pair.value;
      const v = node as Node | null;
      if (v?.range) offset = v.range[0];
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) {
        found = false;
        break;
      }
      lastPair = undefined;
      node = item;
      const n = (isPair(item) ? item.key : item) as Node | null;
      if (n?.range) offset = n.range[0];
    } else {
      found = false;
      break;
    }
  }
  if (found && at === 'key' && lastPair) {
    const k = lastPair.key as Node | null;
    if (k?.range) return k.range[0];
  }
  return offset;
}

export function positionOf(doc: Document, lc: LineCounter, path: Path, at: 'key' | 'value' = 'value'): { line: number; column: number } {
  const { line, col } = lc.linePos(offsetOf(doc, path, at));
  return { line, column: col };
}

/** Human form of a path: nodes.order.calls[0].timeout, nodes["Order Service"].replicas */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(top level)';
}
