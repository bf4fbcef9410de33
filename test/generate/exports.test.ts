// Golden files per starter design and edge case (regenerating must not change them), and every
// generated file validated offline against its format's schema plus cross-reference checks.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { generate, parseDesign, buildModel, type Design } from '../../engine/index.js';
import { referencedSecrets } from '../../engine/generate/k8s.js';
import { STUB_TEMPLATES } from '../../engine/generate/templates.gen.js';
import { GOLDEN_DIR, ROOT, expectedGolden, goldenCases, renderTemplatesModule, TEMPLATES_MODULE } from './cases.js';
import { crossCheck, loadObjects, validateCompose, validateModels } from './validators.js';
import { allowListsAgree, kubeScore, podSecurityRestricted, unprobed } from './readiness.js';

function load(file: string): Design {
  const { design, problems } = parseDesign(readFileSync(file, 'utf8'), file);
  if (!design) throw new Error(problems.map((p) => p.message).join('\n'));
  return design;
}

const cases = goldenCases();
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!kubectl) console.warn('kubectl is not installed: the `kubectl kustomize` builds of k8s/ and istio/ are skipped');

describe('stub templates module', () => {
  it('is generated from templates/stubs (run npm run -s golden)', () => {
    expect(readFileSync(TEMPLATES_MODULE, 'utf8')).toBe(renderTemplatesModule());
    expect(Object.keys(STUB_TEMPLATES).length).toBeGreaterThan(0);
  });
});

describe.each(cases)('export of $name', ({ name, file }) => {
  const design = load(file);
  const files = generate(design, 'all');

  it('matches the golden files (npm run -s golden regenerates them)', () => {
    const dir = join(GOLDEN_DIR, name);
    expect(existsSync(join(dir, 'files.txt')), `no goldens for ${name}: run npm run -s golden`).toBe(true);
    const expected = readFileSync(join(dir, 'files.txt'), 'utf8');
    const want = expectedGolden(files);
    expect(want.at(-1)!.content).toBe(expected);
    for (const f of files) expect(readFileSync(join(dir, f.path), 'utf8'), f.path).toBe(f.content);
  });

  it('is deterministic and each target writes only its part', () => {
    expect(generate(load(file), 'all')).toEqual(files);
    const parts = (['compose', 'k8s', 'istio', 'stubs'] as const).flatMap((t) => generate(design, t).map((f) => f.path));
    expect(parts.sort()).toEqual(files.map((f) => f.path));
    expect(generate(design, 'compose')[0]!.content).not.toContain('build:');
  });

  it('compose file satisfies the compose-spec schema and the address contract', () => {
    const compose = files.find((f) => f.path === 'docker-compose.yml')!;
    expect(validateCompose(compose.content)).toEqual([]);
    const doc = parse(compose.content, { version: '1.1' }) as {
      services: Record<string, { ports?: unknown; environment?: Record<string, string> }>;
    };
    const ir = buildModel(design);
    for (const w of ir.workloads) {
      const svc = doc.services[w.name]!;
      expect(svc.ports !== undefined, `${w.name} publishes ports`).toBe(w.kind === 'gateway');
      for (const t of [...w.calls, ...w.routes.map((r) => r.target), ...w.steps.map((s) => s.target)]) {
        const callee = ir.workloads.find((x) => x.name === t.name)!;
        // The call's `env`, else <CALLEE>_URL; in compose the container's own port (no Service in front).
        const at = callee.protocol === 'grpc' ? `${callee.name}:${callee.port}` : `http://${callee.name}:${callee.port}`;
        expect(svc.environment![t.envVar]).toBe(at);
      }
    }
    for (const s of ir.stores.filter((x) => x.kind === 'database')) expect(doc.services[s.name]).toBeDefined();
  });

  it('Kubernetes and Istio objects satisfy their schemas and reference each other correctly', () => {
    const ir = buildModel(design);
    const objs = loadObjects(files.filter((f) => f.path.startsWith('k8s/') || f.path.startsWith('istio/')));
    expect(validateModels(objs)).toEqual([]);
    // istio/namespace.yaml is a patch of the base's Namespace, not a second object.
    const objects = objs.filter((o) => o.file !== 'istio/namespace.yaml').map((o) => o.obj);
    expect(crossCheck(objects, ir.namespace, referencedSecrets(ir))).toEqual([]);
    for (const dir of ['k8s', 'istio']) {
      const k = files.find((f) => f.path === `${dir}/kustomization.yaml`);
      if (!k) continue;
      const doc = parse(k.content) as { resources: string[]; patches?: { path?: string }[] };
      const listed = [
        ...doc.resources.filter((r) => !r.startsWith('..')),
        ...(doc.patches ?? []).flatMap((p) => (p.path ? [p.path] : [])),
      ].sort();
      const present = files
        .filter((f) => f.path.startsWith(`${dir}/`) && f.path !== `${dir}/kustomization.yaml`)
        .map((f) => f.path.slice(dir.length + 1));
      expect(listed).toEqual(present.sort());
    }
  });

  it.skipIf(!kubectl)(
    'builds with kubectl kustomize, and what it renders is ready for a cluster (skipped where kubectl is not installed)',
    () => {
      const dir = join(ROOT, 'test/.tmp/kustomize', name);
      rmSync(dir, { recursive: true, force: true });
      for (const f of files.filter((x) => x.path.startsWith('k8s/') || x.path.startsWith('istio/'))) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.content);
      }
      for (const part of ['k8s', 'istio']) {
        if (!existsSync(join(dir, part))) continue;
        const r = spawnSync('kubectl', ['kustomize', join(dir, part)], { encoding: 'utf8', maxBuffer: 1 << 28 });
        expect(r.stderr, `${part}: ${r.stderr}`).toBe('');
        expect(r.status).toBe(0);
        // The rendered output, as kubectl would apply it: the same checks as the generated files.
        const rendered = parseAllDocuments(r.stdout, { version: '1.1' }).map((x) => x.toJS() as Record<string, unknown>);
        const namespace = buildModel(design).namespace;
        expect(podSecurityRestricted(rendered)).toEqual([]);
        expect(kubeScore(rendered, { noProbes: unprobed(buildModel(design)) })).toEqual([]);
        expect(allowListsAgree(rendered, namespace)).toEqual([]);
        // one way in: the base's Ingress, or under the mesh only the Istio Gateways
        const gateways = buildModel(design).workloads.filter((w) => w.kind === 'gateway').length;
        expect(rendered.filter((o) => o.kind === 'Ingress').length).toBe(part === 'istio' ? 0 : gateways);
        expect(rendered.filter((o) => o.kind === 'Gateway').length).toBe(part === 'istio' ? gateways : 0);
        const ns = rendered.find((o) => o.kind === 'Namespace') as { metadata: { labels: Record<string, string> } };
        expect(ns.metadata.labels['istio-injection']).toBe(part === 'istio' ? 'enabled' : undefined);
      }
    },
  );
});

describe('golden cases', () => {
  it('has goldens for exactly the starter designs and export fixtures', () => {
    const dirs = existsSync(GOLDEN_DIR) ? readdir(GOLDEN_DIR) : [];
    expect(dirs).toEqual(cases.map((c) => c.name).sort());
  });
});

function readdir(d: string): string[] {
  return spawnSync('ls', ['-1', d], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
}
