// `meshwright import`: compose files and Kubernetes/Istio manifests (texts with their file names)
// -> a design (YAML text, validated) and what was not mapped. Pure: the CLI and the app's worker
// read the files and hand their texts in. Workloads of the same name from several sources (a
// compose file and manifests of one system) are one node.
import { parseDesign, type Design, type Problem } from '../model/index.js';
import { buildDesign } from './build.js';
import { readCompose } from './compose.js';
import { readIstio } from './istio.js';
import { readKubernetes } from './kubernetes.js';
import { isMap, parseAllDocuments, parseDocument } from 'yaml';
import { isRecord, looksLikeCompose, readFiles, type ImportFile } from './read.js';
import { infrastructure } from './recognize.js';
import type { ImportProblem, Unmapped, Workload } from './types.js';

export type { ImportFile } from './read.js';
export type { ImportProblem, Unmapped } from './types.js';
export { hostsIn } from './build.js';
export { imageBaseName, recognize } from './recognize.js';

export interface ImportOptions {
  /** the design's name when the files name none (compose `name`, a namespace) */
  name?: string;
}

export interface ImportResult {
  /** the design as YAML (comments on guessed fields), when the files could be read */
  text?: string;
  design?: Design;
  /** what could not be read: errors with file:line:column */
  problems: ImportProblem[];
  /** what was read and not mapped (also as notes on nodes where it belongs to one) */
  unmapped: Unmapped[];
  /** the produced design failed the format: a bug of the import, reported, never hidden */
  invalid?: Problem[];
}

function merge(into: Workload, from: Workload): void {
  into.image ??= from.image;
  for (const p of from.ports) if (!into.ports.some((x) => x.port === p.port)) into.ports.push(p);
  into.servicePort ??= from.servicePort;
  for (const h of from.hosts) into.hosts.add(h);
  into.replicas ??= from.replicas;
  for (const [k, v] of from.env) if (!into.env.has(k)) into.env.set(k, v);
  into.secretEnv.push(...from.secretEnv.filter((s) => !into.secretEnv.some((x) => x.name === s.name)));
  into.command ??= from.command;
  into.args ??= from.args;
  into.resources ??= from.resources;
  into.probes = { ...from.probes, ...into.probes };
  into.autoscale ??= from.autoscale;
  into.labels = { ...from.labels, ...into.labels };
  into.dependsOn.push(...from.dependsOn.filter((d) => !into.dependsOn.includes(d)));
  into.entry.push(...from.entry.filter((e) => !into.entry.includes(e)));
  if (!into.versions.length) into.versions = from.versions;
  into.storage ??= from.storage;
  for (const n of from.notes) if (!into.notes.includes(n)) into.notes.push(n);
}

export function importSystem(files: ImportFile[], options: ImportOptions = {}): ImportResult {
  const read = readFiles(files);
  const problems: ImportProblem[] = [...read.problems];
  const unmapped: Unmapped[] = read.skipped.map((s) => ({ origin: s.origin, message: `skipped: ${s.why}` }));
  const byName = new Map<string, Workload>();
  const order: Workload[] = [];
  const add = (w: Workload) => {
    const seen = byName.get(w.name);
    if (seen) merge(seen, w);
    else {
      byName.set(w.name, w);
      order.push(w);
    }
  };
  let name: string | undefined;
  const composed = read.compose.map((c) => {
    const r = readCompose(c);
    return { r, project: composeProject(r.name, c.file) };
  });
  // Compose files of different projects (their `name`, else their folder, as docker compose names
  // a project) are separate systems: each project's services are on its own network, so its `db`
  // is not the other's. Their nodes are grouped by project, and a service name two projects share
  // becomes `<project>-<service>` (compose's container naming) instead of one merged node. Files
  // of one project (an override file beside it) still merge, as compose merges them.
  const projects = new Set(composed.map((c) => c.project));
  const several = projects.size > 1;
  const sharedNames = new Map<string, Set<string>>();
  if (several)
    for (const { r, project } of composed)
      for (const w of r.workloads) sharedNames.set(w.name, (sharedNames.get(w.name) ?? new Set()).add(project));
  for (const { r, project } of composed) {
    problems.push(...r.problems);
    const renamed = new Map<string, string>();
    if (several)
      for (const w of r.workloads) {
        w.project = project;
        const also = [...sharedNames.get(w.name)!].filter((p) => p !== project);
        if (!also.length) continue;
        const to = `${project}-${w.name}`;
        renamed.set(w.name, to);
        w.notes.push(
          `service "${w.name}" of compose project "${project}", named ${to}: compose project${also.length > 1 ? 's' : ''} ${also.map((p) => `"${p}"`).join(', ')} ${also.length > 1 ? 'have' : 'has'} a "${w.name}" too (another system: its own network)`,
        );
        w.name = to;
        w.hosts.add(to.toLowerCase());
      }
    unmapped.push(...r.unmapped.map((u) => (u.node !== undefined && renamed.has(u.node) ? { ...u, node: renamed.get(u.node)! } : u)));
    if (!several) name ??= r.name;
    r.workloads.forEach(add);
  }
  const kube = readKubernetes(read.objects);
  problems.push(...kube.problems);
  unmapped.push(...kube.unmapped);
  for (const k of kube.workloads) add(k.w);
  const namespaces = [...kube.namespaces].filter((n) => n !== 'default');
  name ??= namespaces[0];

  // Tracing, metrics, logging and discovery are infrastructure beside the system, not in its
  // requests' path: listed, and addresses of them stay as written in their callers' env.
  for (const w of [...order]) {
    const what = infrastructure(w.image);
    if (!what) continue;
    order.splice(order.indexOf(w), 1);
    byName.delete(w.name);
    unmapped.push({
      origin: w.origin,
      message: `${w.name}: ${what} (${w.image}) is infrastructure, not modelled as a node (addresses of it stay in env, depends_on on it is no call)`,
    });
  }

  const hostIndex = new Map<string, Workload>();
  for (const w of order) for (const h of w.hosts) if (!hostIndex.has(h)) hostIndex.set(h, w);
  const host = (h: string) => {
    const x = h.toLowerCase();
    if (hostIndex.has(x)) return hostIndex.get(x);
    const first = x.split('.')[0]!;
    return x.includes('.') && (x.endsWith('.svc.cluster.local') || x.endsWith('.svc') || kube.namespaces.has(x.split('.')[1]!))
      ? hostIndex.get(first)
      : undefined;
  };
  readIstio(kube.istio, {
    host,
    byName: (n) => byName.get(n),
    bySource: (labels) => {
      const app = labels.app ?? labels['app.kubernetes.io/name'];
      return order.find((w) => w.name === app || w.labels.app === app || w.labels['app.kubernetes.io/name'] === app);
    },
    unmapped,
  });

  if (problems.length) return { problems, unmapped };
  if (order.length === 0) {
    const where = files[0]?.path ?? '(no file)';
    problems.push({
      file: where,
      line: 1,
      column: 1,
      message: 'no compose services and no Kubernetes workloads (Deployment, StatefulSet, DaemonSet) found',
    });
    return { problems, unmapped };
  }
  // Notes of what was not mapped, on the nodes they belong to, also listed for the caller.
  for (const w of order) for (const n of w.notes) unmapped.push({ node: w.name, origin: w.origin, message: n });
  for (const u of unmapped)
    if (u.node && byName.has(u.node) && !byName.get(u.node)!.notes.includes(u.message)) byName.get(u.node)!.notes.push(u.message);

  const { doc } = buildDesign({ workloads: order, namespaces: kube.namespaces, name: name ?? options.name ?? 'imported' });
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  const parsed = parseDesign(text, 'imported.arch.yaml');
  if (!parsed.design) return { text, problems, unmapped, invalid: parsed.problems };
  return { text, design: parsed.design, problems, unmapped };
}

/** A compose file's project name as docker compose derives it: its top-level `name`, else its
 * folder's name, lower case, without the characters a project name cannot have. */
export function composeProject(name: string | undefined, file: string): string {
  const parts = file.split(/[\\/]/);
  const folder = parts.length > 1 ? parts[parts.length - 2]! : '';
  const raw = name ?? folder;
  return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'default';
}

/** A compose file or Kubernetes/Istio manifests rather than a design: what Open imports. */
export function looksImportable(text: string): boolean {
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false });
  } catch {
    return false;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    if (d.errors.length || !isMap(d.contents)) continue;
    const v = d.contents.toJSON() as unknown;
    if (!isRecord(v) || 'nodes' in v) return false;
    if (looksLikeCompose(v) || (typeof v.kind === 'string' && typeof v.apiVersion === 'string')) return true;
  }
  return false;
}

/** The design text with its `layout` replaced (positions from the canvas's ELK layout). */
export function withLayout(text: string, positions: Record<string, { x: number; y: number }>): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  const layout = Object.create(null) as Record<string, { x: number; y: number }>;
  for (const [id, p] of Object.entries(positions)) layout[id] = { x: Math.round(p.x), y: Math.round(p.y) };
  const node = doc.createNode(layout);
  for (const item of node.items) if (isMap(item.value)) item.value.flow = true;
  doc.set('layout', node);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
