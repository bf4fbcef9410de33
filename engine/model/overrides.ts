// A scenario's `set` overrides (`order-service.replicas: 5`) applied to a design: the values
// are written in the format's input form and validated like the file itself.
import { FORBIDDEN_SEGMENTS, realText } from './keys.js';
import { formatPath } from './locate.js';
import { safeParseDesign } from './parse.js';
import { designToPlain } from './serialize.js';
import type { Design } from './schema.js';

export interface OverrideResult {
  design?: Design;
  errors: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyOverrides(design: Design, set: Record<string, unknown>): OverrideResult {
  if (Object.keys(set).length === 0) return { design, errors: [] };
  const plain = designToPlain(design);
  const nodes = plain.nodes as Record<string, Record<string, unknown>>;
  const ids = Object.keys(nodes).sort((a, b) => b.length - a.length); // ids may contain dots
  const errors: string[] = [];
  for (const [key, value] of Object.entries(set)) {
    const id = ids.find((x) => key.startsWith(`${x}.`));
    if (!id) {
      errors.push(`set["${key}"]: no node id starts this path`);
      continue;
    }
    const path = key.slice(id.length + 1).split('.');
    // A path is fields of the node, never its prototype (`api.__proto__.errorRate` would write
    // to every object of the program).
    const bad = path.find((seg) => FORBIDDEN_SEGMENTS.has(seg));
    if (bad !== undefined) {
      errors.push(`set["${key}"]: "${bad}" is not a field a path may go through`);
      continue;
    }
    let target: Record<string, unknown> = nodes[id]!;
    for (const seg of path.slice(0, -1)) {
      const next = Object.hasOwn(target, seg) ? target[seg] : undefined;
      if (!isObj(next)) target[seg] = {};
      target = target[seg] as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  const parsed = safeParseDesign(plain);
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      errors.push(realText(`set: ${formatPath(i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))}: ${i.message}`));
    return { errors };
  }
  if (errors.length > 0) return { errors };
  return { design: parsed.data, errors: [] };
}
