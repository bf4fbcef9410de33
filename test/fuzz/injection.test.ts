// A design's text never becomes code, interpolation or structure in what we generate (issue #10):
// a design whose every string is built to break out (HOSTILE) exports files with the same shape
// as its benign twin: the same TypeScript syntax tree kinds, the same YAML structure, the same
// Dockerfile and README lines; the stubs type-check; the text comes back unchanged as data.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildModel, generate, parseDesign, type Design } from '../../engine/index.js';
import { ROOT } from '../generate/cases.js';
import { RAW_BREAKS, benignText, designWith, hostileText, tsShape, tsStatements, yamlShape } from './hostile.js';

function parsed(raw: Record<string, unknown>): Design {
  const r = parseDesign(stringify(raw), 'hostile.arch.yaml');
  if (!r.design) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return r.design;
}

const hostile = parsed(designWith(hostileText));
const benign = parsed(designWith(benignText));

/** Files keyed by role: `services/<name>/x` becomes `services/#<workload index>/x`. */
function byRole(design: Design): Map<string, string> {
  const ir = buildModel(design);
  const index = new Map(ir.workloads.map((w, i) => [w.name, i]));
  const out = new Map<string, string>();
  for (const f of generate(design, 'all')) {
    const m = /^services\/([^/]+)\/(.*)$/.exec(f.path);
    const role = m ? `services/#${index.get(m[1]!)}/${m[2]}` : f.path.replace(/^(k8s|istio)\/.*/, (p) => p);
    out.set(role, f.content);
  }
  return out;
}

describe('hostile text in a design', () => {
  const h = byRole(hostile);
  const b = byRole(benign);

  it('reaches the exports (the test is not vacuous)', () => {
    const all = [...h.values()].join('\n');
    expect(all).toContain('process.exit(7)'); // as data, somewhere
    expect(all).toContain('AWS_SECRET_ACCESS_KEY');
    expect([...h.keys()].filter((k) => k.startsWith('services/')).sort()).toEqual(
      [...b.keys()].filter((k) => k.startsWith('services/')).sort(),
    );
  });

  it('never writes a raw line terminator other than \\n into any file', () => {
    for (const [path, content] of h) expect(RAW_BREAKS.test(content), path).toBe(false);
  });

  it('leaves every TypeScript stub the template’s own syntax tree', () => {
    let compared = 0;
    for (const [role, content] of h) {
      if (!role.endsWith('.ts')) continue;
      const twin = b.get(role)!;
      expect(tsStatements(content), role).toEqual(tsStatements(twin));
      expect(tsShape(content), role).toEqual(tsShape(twin));
      compared++;
    }
    expect(compared).toBeGreaterThan(15);
  });

  it('keeps every YAML file the same structure, and Dockerfiles, READMEs and package.json the same lines', () => {
    for (const [role, content] of h) {
      const twin = b.get(role);
      if (twin === undefined) continue; // k8s/istio files are named after the nodes: compared below
      if (role.endsWith('.yaml') || role.endsWith('.yml')) expect(yamlShape(content), role).toEqual(yamlShape(twin));
      else if (!role.endsWith('.ts')) expect(content.split('\n').length, role).toBe(twin.split('\n').length);
      if (role.endsWith('package.json')) expect(() => JSON.parse(content) as unknown, role).not.toThrow();
    }
    const yamlOf = (m: Map<string, string>, dir: string) =>
      [...m]
        .filter(([k]) => k.startsWith(dir))
        .sort()
        .map(([, v]) => yamlShape(v));
    // Node-named files sort differently between the two designs; compare the multiset of shapes.
    for (const dir of ['k8s/', 'istio/']) {
      const norm = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
      expect(norm(yamlOf(h, dir))).toEqual(norm(yamlOf(b, dir)));
    }
  });

  it('keeps the text as data: compose writes every $ as $$, Kubernetes holds the exact value', () => {
    const ir = buildModel(hostile);
    const svc = ir.workloads.find((w) => w.kind === 'service')!;
    const designEnv = Object.entries(svc.node.env);
    expect(designEnv.some(([, v]) => v.includes('${AWS_SECRET_ACCESS_KEY}'))).toBe(true);
    const compose = parse(h.get('docker-compose.yml')!, { version: '1.1' }) as {
      services: Record<string, { environment: Record<string, string> }>;
    };
    const env = compose.services[svc.name]!.environment;
    for (const [k, v] of designEnv) expect(env[k], k).toBe(v.replace(/\$/g, '$$$$'));
    // After compose's own interpolation (`$$` -> `$`, `${X}` -> value), the container sees the text.
    for (const [k, v] of designEnv) expect(interpolate(env[k]!), k).toBe(v);
    const k8s = parse(
      h
        .get(`k8s/${svc.name}.yaml`)!
        .split('\n---\n')
        .find((d) => d.includes('kind: ConfigMap'))!,
      {
        version: '1.1',
      },
    ) as { data: Record<string, string> };
    for (const [k, v] of designEnv) expect(k8s.data[k], k).toBe(v);
  });

  it('gives stubs that type-check under strict', () => {
    const dir = join(ROOT, 'test/.tmp/hostile-stubs');
    rmSync(dir, { recursive: true, force: true });
    for (const f of generate(hostile, 'stubs')) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const first = buildModel(hostile).workloads[0]!.name;
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: `./services/${first}/tsconfig.json`,
        compilerOptions: { rootDir: '.', noEmit: true },
        include: ['services/*/src/**/*.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});

/** Compose's interpolation of one value, as the compose spec defines it (`$$` is a `$`). */
function interpolate(v: string): string {
  return v.replace(/\$\$|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, (m) => (m === '$$' ? '$' : `<${m}>`));
}
