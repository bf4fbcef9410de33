// A scenario's `set` overrides (`order-service.replicas: 5`) applied to a design: the values
// are written in the format's input form and validated like the file itself.
import { designToPlain } from './serialize.js';
import { designSchema, type Design } from './schema.js';
import { formatPath } from './locate.js';

export interface OverrideResult {
  design?: Design;
  errors: string[];
}

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
    let target: Record<string, unknown> = nodes[id]!;
    for (const seg of path.slice(0, -1)) {
      const next = target[seg];
      if (typeof next !== 'object' || next === null) target[seg] = {};
      target = target[seg] as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  const parsed = designSchema.safeParse(plain);
  if (!parsed.success)
    for (const i of parsed.error.issues)
      errors.push(`set: ${formatPath(i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))}: ${i.message}`);
  if (errors.length > 0) return { errors };
  return { design: parsed.data, errors: [] };
}
