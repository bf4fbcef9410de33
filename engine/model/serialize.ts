// A normalized Design back to YAML text. parseDesign(serializeDesign(d)) equals d.
// To keep a user's comments when the design came from text, use syncText (edit.ts).
import { dumpYaml } from './edit.js';
import type { Design } from './schema.js';

export function designToPlain(design: Design): Record<string, unknown> {
  return JSON.parse(JSON.stringify(design)) as Record<string, unknown>;
}

export function serializeDesign(design: Design): string {
  return dumpYaml(designToPlain(design));
}
