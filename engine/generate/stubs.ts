// placeholder until the stubs land
import type { Ir } from './model.js';
import type { OutFile } from './k8s.js';
export function stubFiles(_ir: Ir): OutFile[] {
  return [];
}
