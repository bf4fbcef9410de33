// The compose file comes up as written (generators.md "Ready for a real cluster", Compose): for
// every starter design and export fixture, with and without `build:`, no two services publish one
// host port, depends_on has no cycle and waits for health only where there is a health check,
// health checks run only what the image has, every service has a restart policy, and the file
// passes the compose-spec JSON schema with unknown fields refused everywhere, and dclint.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { generate, parseDesign, type Design } from '../../engine/index.js';
import { STUB_HEALTHCHECK } from '../../engine/generate/compose.js';
import { ROOT, goldenCases } from './cases.js';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;

interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
}
interface Compose {
  services: Record<string, Service>;
}

/** The compose-spec schema (shipped in dclint) with every object that lists its properties closed:
 * a made-up field anywhere is an error, not a silent pass. */
function strictValidator() {
  const schema = JSON.parse(
    readFileSync(join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json'), 'utf8'),
  ) as Record<string, unknown>;
  delete schema.$schema;
  const close = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(close);
    if (!o || typeof o !== 'object') return;
    const rec = o as Record<string, unknown>;
    if (rec.properties && rec.additionalProperties === undefined && rec.patternProperties === undefined) rec.additionalProperties = false;
    Object.values(rec).forEach(close);
  };
  close(schema);
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  const validate = ajv.compile(schema);
  return (doc: unknown) =>
    validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
const validate = strictValidator();

function load(file: string): Design {
  const { design, problems } = parseDesign(readFileSync(file, 'utf8'), file);
  if (!design) throw new Error(problems.map((p) => p.message).join('\n'));
  return design;
}

const composeOf = (d: Design, target: 'all' | 'compose') => generate(d, target).find((f) => f.path === 'docker-compose.yml')!.content;

/** Host ports a `ports` entry takes: `[ip:]host[-end]:container`. */
function hostPorts(entry: string): number[] {
  const parts = entry.split(':');
  const host = parts.length === 3 ? parts[1]! : parts[0]!;
  const [a, b] = host.split('-').map(Number);
  return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
}

export function composeProblems(text: string): string[] {
  const doc = parse(text, { version: '1.1' }) as Compose;
  const errors = validate(doc).map((e) => `schema: ${e}`);
  const owner = new Map<number, string>();
  for (const [name, s] of Object.entries(doc.services)) {
    if (s.restart !== 'unless-stopped') errors.push(`${name}: restart is ${s.restart}`);
    for (const p of s.ports ?? [])
      for (const h of hostPorts(p)) {
        if (owner.has(h)) errors.push(`${name}: host port ${h} is also published by ${owner.get(h)}`);
        owner.set(h, name);
      }
    for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
      const target = doc.services[dep];
      if (!target) errors.push(`${name}: depends_on unknown ${dep}`);
      else if (condition === 'service_healthy' && !target.healthcheck)
        errors.push(`${name}: waits for ${dep} to be healthy, which has no health check`);
    }
  }
  // Kahn: whatever cannot be ordered sits on a cycle.
  const waiting = new Map(Object.entries(doc.services).map(([n, s]) => [n, new Set(Object.keys(s.depends_on ?? {}))]));
  for (let progress = true; progress;) {
    progress = false;
    for (const [n, deps] of waiting)
      if ([...deps].every((d) => !waiting.has(d))) {
        waiting.delete(n);
        progress = true;
      }
  }
  if (waiting.size) errors.push(`depends_on cycle among ${[...waiting.keys()].join(', ')}`);
  return errors;
}

const cases = goldenCases();

describe.each(cases)('compose of $name', ({ file }) => {
  const design = load(file);
  for (const target of ['all', 'compose'] as const)
    it(`comes up as written (--target ${target})`, () => {
      const text = composeOf(design, target);
      expect(composeProblems(text)).toEqual([]);
      const doc = parse(text, { version: '1.1' }) as Compose;
      for (const [id, node] of Object.entries(design.nodes)) {
        if (node.kind !== 'service' && node.kind !== 'gateway' && node.kind !== 'saga') continue;
        const svc = Object.entries(doc.services).find(([, s]) => s.environment?.PORT === String(node.port));
        expect(svc, id).toBeDefined();
        if (target === 'all') expect(svc![1].image, `${id}: a built stub is never tagged as the design's image`).toBeUndefined();
      }
      for (const [name, s] of Object.entries(doc.services)) {
        const stub = s.build !== undefined || !/[/:]/.test(s.image!.replace(/:latest$/, ''));
        if (s.build) expect(s.image, name).toBeUndefined();
        if (s.environment?.PORT !== undefined) {
          // A workload: the stubs' check in a stub image, nothing in an image the design names.
          if (stub) expect(s.healthcheck?.test, name).toEqual(STUB_HEALTHCHECK);
          else expect(s.healthcheck, `${name} runs ${s.image}: nothing known to check with`).toBeUndefined();
        }
        if (s.healthcheck) expect(s.healthcheck.test.join(' '), name).not.toMatch(/node -e/);
      }
    });
});

describe('compose checks', () => {
  it('refuse a made-up field, a clash and a cycle (the checks can fail)', () => {
    const text = composeOf(load(join(ROOT, 'templates/bff.arch.yaml')), 'all');
    const doc = parse(text, { version: '1.1' }) as Compose & Record<string, unknown>;
    const [a, b] = Object.keys(doc.services);
    const bad = structuredClone(doc);
    (bad.services[a!] as unknown as Record<string, unknown>).madeUp = 1;
    (bad.services[a!]!.healthcheck as unknown as Record<string, unknown>).intervall = '5s';
    bad.services[b!]!.ports = [...(bad.services[a!]!.ports ?? ['127.0.0.1:8080:8080'])];
    bad.services[a!]!.depends_on = { ...bad.services[a!]!.depends_on, [b!]: { condition: 'service_started' } };
    bad.services[b!]!.depends_on = { [a!]: { condition: 'service_started' } };
    const problems = composeProblems(JSON.stringify(bad));
    expect(problems.some((p) => p.includes('madeUp'))).toBe(true);
    expect(problems.some((p) => p.includes('intervall'))).toBe(true);
    expect(problems.some((p) => p.includes('also published'))).toBe(true);
    expect(problems.some((p) => p.includes('cycle'))).toBe(true);
  });

  it('break a call cycle by leaving out the edge that closes it, and say so', () => {
    const design = parseDesign(
      JSON.stringify({
        name: 'loop',
        nodes: {
          a: { kind: 'service', calls: [{ to: 'b' }] },
          b: { kind: 'service', calls: [{ to: 'c' }, { to: 'a', async: true }] },
          c: { kind: 'service', calls: [{ to: 'a' }] },
        },
      }),
      'loop.json',
    ).design!;
    const text = composeOf(design, 'all');
    expect(composeProblems(text)).toEqual([]);
    const doc = parse(text, { version: '1.1' }) as Compose;
    expect(Object.keys(doc.services.a!.depends_on!)).toEqual(['b']);
    expect(Object.keys(doc.services.b!.depends_on!)).toEqual(['c']);
    expect(doc.services.c!.depends_on).toBeUndefined();
    expect(text).toContain('# not waiting for a: it waits, directly or not, for c (a call cycle in the design)');
    expect(text).toContain('# not waiting for a: it waits, directly or not, for b');
  });

  it('give gateways that share a port their own host ports', () => {
    const design = parseDesign(
      JSON.stringify({
        name: 'edges',
        nodes: {
          s: { kind: 'service' },
          g1: { kind: 'gateway', port: 8080, replicas: 2, routes: [{ path: '/', to: 's' }] },
          g2: { kind: 'gateway', port: 8080, routes: [{ path: '/', to: 's' }] },
          g3: { kind: 'gateway', port: 8082, routes: [{ path: '/', to: 's' }] },
        },
      }),
      'edges.json',
    ).design!;
    const doc = parse(composeOf(design, 'compose'), { version: '1.1' }) as Compose;
    expect([doc.services.g1!.ports, doc.services.g2!.ports, doc.services.g3!.ports]).toEqual([
      ['127.0.0.1:8080-8081:8080'],
      ['127.0.0.1:8082:8080'],
      ['127.0.0.1:8083:8082'],
    ]);
  });

  it('pass dclint (errors; its opinion on :latest aside)', () => {
    const dir = join(ROOT, 'test/.tmp/compose-lint');
    rmSync(dir, { recursive: true, force: true });
    const files: string[] = [];
    for (const c of cases)
      for (const target of ['all', 'compose'] as const) {
        const f = join(dir, `${c.name}-${target}`, 'docker-compose.yml');
        mkdirSync(dirname(f), { recursive: true });
        writeFileSync(f, composeOf(load(c.file), target));
        files.push(f);
      }
    // `<name>:latest` is the design format's default image for a node that names none.
    const r = spawnSync(
      process.execPath,
      [
        join(dirname(require.resolve('dclint/package.json')), 'bin/dclint.cjs'),
        ...files,
        '-q',
        '-f',
        'json',
        '--disable-rule',
        'service-image-require-explicit-tag',
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { filePath: string; messages: { message: string }[] }[];
    expect(report.flatMap((f) => f.messages.map((m) => `${f.filePath}: ${m.message}`))).toEqual([]);
    expect(r.status).toBe(0);
  }, 180_000);
});
