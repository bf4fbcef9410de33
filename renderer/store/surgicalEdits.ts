// Edits that change only the characters they must. The engine's applyEdits re-prints the whole
// document (comments and order kept, but hand-wrapped flow mappings re-flowed); for the edits the
// canvas and the inspector make most (a scalar value, a node's position) we replace the value's
// source range instead, so everything else in the file stays byte for byte as the user wrote it.
import { isMap, isScalar, parse, parseDocument } from 'yaml';
import { applyEdits, type TextEdit } from '../../engine/index';

type Scalar = string | number | boolean;
const isScalarValue = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function readsAsSameString(v: string): boolean {
  try {
    return parse(v) === v;
  } catch {
    return false;
  }
}

/** A scalar as YAML source that is safe in block and flow context alike. */
export function scalarSource(v: Scalar): string {
  if (typeof v !== 'string') return String(v);
  const plain =
    v.length > 0 &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) &&
    !/[\s]$/.test(v) &&
    !/[,[\]{}#]|: /.test(v) &&
    !/^(yes|no|on|off|y|n)$/i.test(v) && // YAML 1.1 readers take these as booleans
    readsAsSameString(v);
  return plain ? v : JSON.stringify(v);
}

/** Applies edits, surgically where it can; the rest through applyEdits. Throws on broken YAML. */
export function editText(text: string, edits: readonly TextEdit[]): string {
  const doc = parseDocument(text);
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
  for (const e of edits) {
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
    rest.push(e);
  }
  // Overlapping replacements cannot happen for distinct paths; apply from the end backwards.
  replacements.sort((a, b) => b.from - a.from);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.from) + r.text + out.slice(r.to);
  return rest.length > 0 ? applyEdits(out, rest) : out;
}
