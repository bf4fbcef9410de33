// Test helpers (used by *.test.ts only): parse an inline YAML design or fail loudly; build a
// design from a plain object without the YAML parser (big generated designs); give a design
// ids that plain objects mishandle.
import { parseDesign } from '../model/parse.js';
import { normalize } from '../model/normalize.js';
import { designSchema, type Design } from '../model/schema.js';

export function design(yaml: string): Design {
  const r = parseDesign(yaml, 'test.arch.yaml');
  if (!r.design) throw new Error(`test design is invalid:\n${r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`);
  return r.design;
}

/** A design straight from an object through the schema and the model's defaults (no YAML, no
 * references check): big generated designs without the parser's cost. */
export function designOf(input: Record<string, unknown>): Design {
  return normalize(designSchema.parse(input), input);
}

/** The same design with ids renamed everywhere (a JSON round trip, so `__proto__` becomes an own
 * key as a null-prototype model has it, not a prototype). `names` maps old id -> new id. */
export function renamed(d: Design, names: ReadonlyMap<string, string>): Design {
  return JSON.parse(JSON.stringify(d), function (this: unknown, _key, value: unknown) {
    if (typeof value === 'string' && names.has(value)) return names.get(value);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        Object.defineProperty(out, names.get(k) ?? k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  }) as Design;
}
