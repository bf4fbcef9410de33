// Maps a path in the parsed document (['nodes', 'order', 'replicas']) to a line and column in
// the source text, using the positions the YAML parser keeps on every node.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

export type Path = readonly (string | number)[];

function keyText(pair: Pair): string {
  const k = pair.key;
  return isScalar(k) ? String(k.value) : String(k);
}

const targetsOf = new WeakMap<Document, Map<Node, Node | undefined>>();

/** Every alias of a document and the node its anchor names (the last one of that name before
 * it), found in one walk in document order; cached per document. */
export function aliasTargets(doc: Document): Map<Node, Node | undefined> {
  let targets = targetsOf.get(doc);
  if (targets) return targets;
  targets = new Map();
  const anchors = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isAlias(n)) {
      targets.set(n, anchors.get(n.source));
      continue;
    }
    const node = n as Node;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
    else if (isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  targetsOf.set(doc, targets);
  return targets;
}

/** The pair for `key` in a mapping: its own, else one a merge key `<<` brings in. */
function findPair(doc: Document, map: YAMLMap, key: string, seen = new Set<unknown>()): Pair | undefined {
  const own = map.items.find((p) => keyText(p) === key && !isMergeKey(p));
  if (own || seen.has(map)) return own;
  seen.add(map);
  for (const p of map.items) {
    if (!isMergeKey(p)) continue;
    const v = deref(doc, p.value);
    for (const src of isSeq(v) ? v.items.map((i) => deref(doc, i)) : [v]) {
      if (!isMap(src)) continue;
      const found = findPair(doc, src, key, seen);
      if (found) return found;
    }
  }
  return undefined;
}

const isMergeKey = (p: Pair) => isScalar(p.key) && p.key.value === '<<' && p.key.type === 'PLAIN';
const deref = (doc: Document, n: unknown): unknown => (isAlias(n) ? aliasTargets(doc).get(n) : n);

/** Offset of the value at `path` (or of its key when `at === 'key'`), falling back to the
 * deepest ancestor that exists. */
export function offsetOf(doc: Document, path: Path, at: 'key' | 'value' = 'value'): number {
  let node: unknown = doc.contents;
  let lastPair: Pair | undefined;
  let found = true;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const seg of path) {
    node = deref(doc, node);
    if (isMap(node)) {
      const pair = findPair(doc, node, String(seg));
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
