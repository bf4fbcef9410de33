import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesign } from './parse.js';
import type { Problem } from './problems.js';

const parse = (text: string) => parseDesign(text, 'shop.arch.yaml');
const problems = (text: string) => parse(text).problems;
/** The single problem of a text, asserting there is exactly one. */
function one(text: string): Problem {
  const p = problems(text);
  expect(p.map((x) => `${x.line}:${x.column} ${x.message}`)).toHaveLength(1);
  return p[0]!;
}
const yaml = (lines: string[]) => lines.join('\n') + '\n';

describe('parseDesign: valid designs', () => {
  it('applies the format defaults and normalizes units', () => {
    const r = parse(
      yaml([
        'name: shop',
        'nodes:',
        '  api: { kind: service, latency: 1.5m, errorRate: 2%, calls: [ { to: db, timeout: 250ms, retry: {}, breaker: { failureRate: 40% } } ] }',
        '  db: { kind: database }',
      ]),
    );
    expect(r.problems).toEqual([]);
    const api = r.design!.nodes.api!;
    expect(api).toMatchObject({ kind: 'service', port: 3000, replicas: 1, concurrency: 16, queue: 128, balancer: 'round_robin' });
    expect(api.kind === 'service' && api.latency).toEqual({ dist: 'constant', value: 90_000 });
    expect(api.kind === 'service' && api.errorRate).toBeCloseTo(0.02);
    const call = api.kind === 'service' ? api.calls[0]! : undefined;
    expect(call).toMatchObject({ to: 'db', async: false, probability: 1, timeout: 250, protocol: 'http' });
    expect(call!.retry).toEqual({ attempts: 3, backoff: 100, multiplier: 2, maxBackoff: 30_000, jitter: 'none' });
    expect(call!.breaker).toEqual({ failureRate: 0.4, window: 100, minCalls: 100, openFor: 60_000, halfOpenCalls: 10, slowRate: 1 });
    expect(r.design!.nodes.db).toMatchObject({
      kind: 'database',
      connections: 100,
      latency: { dist: 'constant', value: 5 },
      engine: 'postgres',
    });
  });

  it('applies defaults.call to calls and client requests that lack a field, field by field', () => {
    const r = parse(
      yaml([
        'defaults: { call: { timeout: 2s, retry: { attempts: 2 } } }',
        'nodes:',
        '  web: { kind: client, requests: [ { to: api }, { to: api, timeout: 5s } ] }',
        '  api: { kind: service, calls: [ { to: db, retry: { attempts: 4 } } ] }',
        '  db: { kind: database }',
      ]),
    );
    expect(r.problems).toEqual([]);
    const web = r.design!.nodes.web!;
    const api = r.design!.nodes.api!;
    if (web.kind !== 'client' || api.kind !== 'service') throw new Error('kinds');
    expect(web.requests.map((x) => [x.timeout, x.retry?.attempts])).toEqual([
      [2000, 2],
      [5000, 2],
    ]);
    expect(api.calls[0]).toMatchObject({ timeout: 2000, retry: { attempts: 4 } });
  });

  it('makes calls to queues and topics asynchronous and merges top-level sagas into nodes', () => {
    const r = parse(
      yaml([
        'nodes:',
        '  api: { kind: service, calls: [ { to: events } ] }',
        '  events: { kind: topic, consumers: [ api ] }',
        'sagas:',
        '  checkout: { steps: [ { name: pay, to: api } ] }',
      ]),
    );
    expect(r.problems).toEqual([]);
    const api = r.design!.nodes.api!;
    expect(api.kind === 'service' && api.calls[0]!.async).toBe(true);
    expect(r.design!.nodes.checkout).toMatchObject({ kind: 'saga', steps: [{ name: 'pay', to: 'api' }] });
    expect('sagas' in r.design!).toBe(false);
  });

  it('accepts Kubernetes quantities as numbers in resources (cpu: 1, cpu: 0.5), kept as text', () => {
    const r = parse(
      yaml(['nodes:', '  a: { kind: service, resources: { cpu: 1, memory: 1Gi } }', '  b: { kind: service, resources: { cpu: 0.5 } }']),
    );
    expect(r.problems).toEqual([]);
    const res = (id: string) => (r.design!.nodes[id] as { resources?: { cpu?: string; memory?: string } }).resources;
    expect(res('a')).toEqual({ cpu: '1', memory: '1Gi' });
    expect(res('b')).toEqual({ cpu: '0.5' });
    expect(problems(yaml(['nodes:', '  a: { kind: service, resources: { cpu: -1 } }']))).toHaveLength(1);
  });

  it('accepts JSON and ids people write, with spaces and dots', () => {
    const r = parse(
      '{"name":"x","nodes":{"Order Service":{"kind":"service","calls":[{"to":"payments.v2"}]},"payments.v2":{"kind":"service"}}}',
    );
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.design!.nodes)).toEqual(['Order Service', 'payments.v2']);
  });

  it('validates every starter design', () => {
    const dir = new URL('../../templates/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.arch.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const r = parseDesign(readFileSync(new URL(f, dir), 'utf8'), f);
      expect(r.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([]);
      expect(Object.keys(r.design!.nodes).length).toBeGreaterThan(3);
    }
  });
});

describe('parseDesign: every class of error, with its place', () => {
  it('syntax errors', () => {
    const p = one(yaml(['name: shop', 'nodes:', '  api: { kind: service', '  db: { kind: database }']));
    expect(p).toMatchObject({ line: 4, column: 3, code: 'syntax' });
    expect(p.message).toMatch(/^syntax error: /);
  });

  it('a top level that is not a mapping', () => {
    expect(one('- a\n- b\n')).toMatchObject({ line: 1, column: 1, code: 'type' });
  });

  it('wrong types, naming the field and what was expected', () => {
    const p = one(yaml(['nodes:', '  api:', '    kind: service', '    replicas: three']));
    expect(p).toMatchObject({ line: 4, column: 15, code: 'type', path: ['nodes', 'api', 'replicas'] });
    expect(p.message).toBe('nodes.api.replicas: expected a number, got "three"');
  });

  it('unknown fields, with a did-you-mean', () => {
    const p = one(yaml(['nodes:', '  api:', '    kind: service', '    replica: 2']));
    expect(p).toMatchObject({ line: 4, column: 5, code: 'unknown-field' });
    expect(p.message).toMatch(/^nodes\.api: unknown field "replica" \(did you mean "replicas"\?\)/);
  });

  it('unknown kinds, with a did-you-mean', () => {
    const p = one(yaml(['nodes:', '  api: { kind: servce }']));
    expect(p).toMatchObject({ line: 2, column: 16, code: 'enum' });
    expect(p.message).toContain('(did you mean "service"?)');
  });

  it('out-of-range values', () => {
    const text = yaml(['nodes:', '  api:', '    kind: service', '    concurrency: 0', '    errorRate: 150%', '    port: 70000']);
    const ps = problems(text);
    expect(ps.map((p) => [p.line, p.column, p.code])).toEqual([
      [4, 18, 'range'],
      [5, 16, 'range'],
      [6, 11, 'range'],
    ]);
    expect(ps[1]!.message).toContain('at most 100%');
  });

  it('malformed durations, percentages and distributions', () => {
    const ps = problems(
      yaml([
        'nodes:',
        '  api:',
        '    kind: service',
        '    latency: 5 parsecs',
        '    errorRate: lots',
        '    calls: [ { to: api, timeout: soon } ]',
      ]),
    );
    expect(ps.map((p) => [p.line, p.column])).toEqual([
      [4, 14],
      [5, 16],
      [6, 34],
    ]);
    expect(ps[0]!.message).toContain('expected a duration');
    expect(ps[1]!.message).toContain('expected a percentage');
    expect(ps[2]!.message).toContain('nodes.api.calls[0].timeout: expected a duration');
  });

  it('problems inside a latency distribution, named precisely', () => {
    const ps = problems(
      yaml([
        'nodes:',
        '  a: { kind: service, latency: { dist: normal, mean: 10ms } }',
        '  b: { kind: service, latency: { dist: weird, mean: 10ms } }',
        '  c: { kind: service, latency: { dist: uniform, min: 1ms, max: soon }, errorRate: 150% }',
      ]),
    );
    expect(ps.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`)).toEqual([
      '2:23 required nodes.a.latency: missing required field "sd" (a duration (a number of ms, or a string like 250ms, 2s, 1.5m))',
      '3:40 enum nodes.b.latency.dist: expected one of constant, exponential, uniform, normal, lognormal, pareto, got "weird"',
      '4:64 format nodes.c.latency.max: expected a duration (a number of ms, or a string like 250ms, 2s, 1.5m), got "soon"',
      '4:83 range nodes.c.errorRate: expected a percentage of at most 100%, got "150%"',
    ]);
  });

  it('missing required fields', () => {
    const p = one(yaml(['nodes:', '  api:', '    kind: service', '    calls:', '      - { timeout: 1s }']));
    expect(p).toMatchObject({ line: 5, code: 'required' });
    expect(p.message).toContain('missing required field "to"');
  });

  it('unknown references, with a did-you-mean', () => {
    const p = one(yaml(['nodes:', '  api: { kind: service, calls: [ { to: paymnts } ] }', '  payments: { kind: service }']));
    expect(p).toMatchObject({ line: 2, column: 40, code: 'reference' });
    expect(p.message).toBe('nodes.api.calls[0].to: call target "paymnts" is not a node of this design (did you mean "payments"?)');
  });

  it('references of the wrong kind', () => {
    const ps = problems(
      yaml([
        'nodes:',
        '  web: { kind: client }',
        '  api: { kind: service, calls: [ { to: web } ] }',
        '  cache: { kind: cache, miss: jobs }',
        '  jobs: { kind: queue, dlq: api, consumers: [ cache ] }',
      ]),
    );
    expect(ps.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '3:40 nodes.api.calls[0].to: call target "web" is a client; expected a node other than a client (clients only send requests)',
      '4:31 nodes.cache.miss: cache miss target "jobs" is a queue; expected a database or a service',
      '5:29 nodes.jobs.dlq: dead-letter target "api" is a service; expected a queue or a topic',
      '5:47 nodes.jobs.consumers[0]: consumer "cache" is a cache; expected a service, gateway or saga',
    ]);
  });

  it('a consumer listed twice', () => {
    const p = one(yaml(['nodes:', '  svc: { kind: service }', '  q: { kind: queue, consumers: [ svc, svc ] }']));
    expect(p).toMatchObject({ line: 3, column: 39, code: 'duplicate' });
  });

  it('a saga step to a missing node', () => {
    const p = one(yaml(['nodes:', '  checkout:', '    kind: saga', '    steps:', '      - { name: pay, to: payment }']));
    expect(p).toMatchObject({ line: 5, column: 26, code: 'reference' });
  });

  it('duplicate ids', () => {
    const p = one(yaml(['nodes:', '  api: { kind: service }', '  db: { kind: database }', '  api: { kind: service }']));
    expect(p).toMatchObject({ line: 4, column: 3, code: 'duplicate' });
    expect(p.message).toContain('duplicate key "api"');
  });

  it('scenario references: faults, traffic, set', () => {
    const ps = problems(
      yaml([
        'nodes:',
        '  web: { kind: client, requests: [ { to: api } ] }',
        '  api: { kind: service }',
        'scenarios:',
        '  s:',
        '    traffic: { api: 2 }',
        '    faults:',
        '      - { node: nope, at: 1s }',
        '      - { call: api -> web, delay: 10ms }',
        '    set: { missing.replicas: 2 }',
      ]),
    );
    expect(ps.map((p) => [p.line, p.code])).toEqual([
      [6, 'reference'],
      [8, 'reference'],
      [9, 'reference'],
      [10, 'reference'],
    ]);
    expect(ps[2]!.message).toContain('no call from "api" to "web"');
  });

  it('reports every problem at once, in the order of the file', () => {
    const ps = problems(
      yaml([
        'nam: shop',
        'nodes:',
        '  api: { kind: service, replicas: 0, calls: [ { to: ghost } ] }',
        '  db: { kind: database, engine: oracle }',
        '  q: { kind: queue, dlq: db }',
      ]),
    );
    expect(ps.map((p) => p.code)).toEqual(['unknown-field', 'range', 'reference', 'enum', 'reference']);
    expect(ps.map((p) => p.line)).toEqual([1, 3, 3, 4, 5]);
  });

  it('gives JSON files their places too', () => {
    const p = one('{\n  "nodes": {\n    "api": { "kind": "service", "replicas": "2" }\n  }\n}\n');
    expect(p).toMatchObject({ line: 3, column: 45, code: 'type' });
  });
});

describe('versions', () => {
  it('refuses a newer version with a clear error at the version field', () => {
    const p = one('version: 7\nname: x\n');
    expect(p).toMatchObject({ line: 1, column: 10, code: 'version' });
    expect(p.message).toContain('newer than this Meshwright understands');
  });

  it('migrates the frozen version-0 fixture to its frozen version-1 form', () => {
    const dir = new URL('../../test/fixtures/migrations/', import.meta.url);
    const v0 = parseDesign(readFileSync(new URL('v0-shop.arch.yaml', dir), 'utf8'), 'v0-shop.arch.yaml');
    const v1 = parseDesign(readFileSync(new URL('v0-shop.v1.arch.yaml', dir), 'utf8'), 'v0-shop.v1.arch.yaml');
    expect(v0.problems).toEqual([]);
    expect(v0.sourceVersion).toBe(0);
    expect(v1.problems).toEqual([]);
    expect(v0.design).toEqual(v1.design);
  });
});
