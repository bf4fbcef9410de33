// Test helpers (used by *.test.ts only): parse an inline YAML design or fail loudly.
import { parseDesign } from '../model/parse.js';
import type { Design } from '../model/schema.js';

export function design(yaml: string): Design {
  const r = parseDesign(yaml, 'test.arch.yaml');
  if (!r.design) throw new Error(`test design is invalid:\n${r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`);
  return r.design;
}
