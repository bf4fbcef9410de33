// The exporters' one entry: design -> list of { path, content } relative to --out, sorted by
// path, deterministic (same design, same bytes). Paths are built only from safe names, and are
// checked here once more so no id can make a file land outside the output folder.
import type { Design } from '../model/index.js';
import { buildModel } from './model.js';
import { composeFile } from './compose.js';
import { k8sFiles, type OutFile } from './k8s.js';
import { istioFiles } from './istio.js';
import { stubFiles } from './stubs.js';

export const EXPORT_TARGETS = ['compose', 'k8s', 'istio', 'stubs', 'all'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];
export type { OutFile };
export { buildModel, type Ir } from './model.js';
export { dnsLabel, tsIdentifier, envPrefix } from './names.js';

/** A relative path of safe segments: no `..`, no absolute, no empty or hidden-parent segment. */
export function isSafeRelativePath(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export function generate(design: Design, target: ExportTarget): OutFile[] {
  const ir = buildModel(design);
  const files: OutFile[] = [];
  const all = target === 'all';
  if (all || target === 'compose') files.push({ path: 'docker-compose.yml', content: composeFile(ir, { build: all }) });
  if (all || target === 'k8s') files.push(...k8sFiles(ir));
  if (all || target === 'istio') files.push(...istioFiles(ir));
  if (all || target === 'stubs') files.push(...stubFiles(ir));
  const seen = new Set<string>();
  for (const f of files) {
    if (!isSafeRelativePath(f.path)) throw new Error(`export: refusing unsafe path ${JSON.stringify(f.path)}`);
    if (seen.has(f.path)) throw new Error(`export: two files would be written to ${f.path}`);
    seen.add(f.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
