// placeholder until the Istio overlay lands
import type { Ir } from './model.js';
import type { OutFile } from './k8s.js';
export function istioFiles(_ir: Ir): OutFile[] {
  return [];
}
