// Test helper: a design from a plain object, parsed and normalized like a file.
import { parseDesign, type Design } from '../model/index.js';

export function designOf(obj: unknown): Design {
  const r = parseDesign(JSON.stringify(obj), 'test.json');
  if (!r.design) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.design;
}
