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
    // At the "{" that is never closed (line 3), not where the parser noticed (line 4), in our words.
    const p = one(yaml(['name: shop', 'nodes:', '  api: { kind: service', '  db: { kind: database }']));
    expect(p).toMatchObject({ line: 3, column: 8, code: 'syntax' });
    expect(p.message).toBe(
      'syntax error: this "{" is never closed: end it with "}" (a mapping in { } may go on over several lines, each indented past its key)',
    );
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

describe('parseDesign: YAML syntax errors in our words, at the fault', () => {
  const at = (lines: string[]) => {
    const p = one(yaml(lines));
    return `${p.line}:${p.column} ${p.message}`;
  };
  it('an unclosed quote is shown where it opens', () => {
    expect(at(['name: "shop', 'nodes: {}'])).toBe('1:7 syntax error: this quoted string is never closed: end it with "');
    expect(at(['nodes:', "  api: { kind: service, label: 'A }"])).toBe(
      "2:32 syntax error: this quoted string is never closed: end it with '",
    );
  });
  it('an unclosed list inside a mapping is shown where it opens', () => {
    expect(at(['nodes:', '  api: { kind: service, calls: [ { to: db } }', '  db: { kind: database }'])).toMatch(/^2:\d+ syntax error: /);
    const p = problems(yaml(['nodes:', '  api:', '    kind: service', '    calls: [ { to: db }', '  db: { kind: database }']));
    expect(p[0]).toMatchObject({ line: 4, column: 12 });
    expect(p[0]!.message).toContain('this "[" is never closed');
  });
  it('bad indentation points at the misplaced key', () => {
    expect(at(['nodes:', '  api:', '    kind: service', '   replicas: 2'])).toBe(
      '4:4 syntax error: this line is indented differently from the lines it belongs with: items of one mapping or list start at the same column',
    );
  });
  it('tabs, colons in plain values, a missing colon, two documents', () => {
    expect(at(['nodes:', '\tapi: { kind: service }'])).toBe('2:1 syntax error: a tab is used for indentation: YAML indents with spaces');
    expect(at(['name: shop: two'])).toBe('1:7 syntax error: a plain value cannot hold ": " (a colon and a space): put the value in quotes');
    expect(at(['name: shop', 'nodes'])).toBe('2:1 syntax error: expected "key: value" here: a ":" is missing');
    expect(at(['name: shop', '---', 'name: other'])).toMatch(/^2:1 syntax error: a second YAML document starts here/);
    for (const p of problems('name: "a\\qb"\nnodes: {}\n')) expect(p.message).not.toMatch(/YAML\.|parseAllDocuments|at line/);
  });
});

describe('parseDesign: hostile YAML', () => {
  it('refuses tags other than the plain ones, at the tagged value', () => {
    expect(one(yaml(['nodes:', '  api: !!set { a, b }']))).toMatchObject({ line: 2, column: 8, code: 'syntax' });
    expect(one(yaml(['nodes:', '  api: &x !evil { a, b }']))).toMatchObject({ line: 2, column: 11, code: 'syntax' });
    expect(one(yaml(['nodes:', '  api: !!set { a, b }'])).message).toBe(
      'syntax error: the tag !!set is not supported: a design holds only mappings, lists, strings, numbers, true/false and null',
    );
    expect(one(yaml(['nodes:', '  api:', '    kind: service', '    label: !!js/function "function () {}"'])).message).toContain(
      'tag !!js/function',
    );
    expect(one(yaml(['nodes:', '  api:', '    kind: !evil service'])).message).toContain('tag !evil');
    expect(one(yaml(['nodes:', '  api: { kind: service, label: !!binary aGVsbG8= }'])).message).toContain('tag !!binary');
    expect(one(yaml(['nodes:', '  ? !!set { a }', '  : 1'])).message).toContain('tag !!set');
    // The plain core tags are fine: !!str makes a number a string.
    expect(parse(yaml(['nodes:', '  api: { kind: service, label: !!str 42 }'])).design?.nodes.api).toMatchObject({ label: '42' });
  });

  it('refuses a YAML 1.1 timestamp or other non-design value', () => {
    const p = one(yaml(['%YAML 1.1', '---', 'nodes:', '  api: { kind: service, label: 2001-12-14 }']));
    expect(p).toMatchObject({ line: 4, column: 32 });
    expect(p.message).toContain('a timestamp is not a design value: put it in quotes');
  });

  it('resolves merge keys << as YAML 1.1 does: own keys win, then the merged mappings in order', () => {
    const r = parse(
      yaml([
        'nodes:',
        '  base: &svc { kind: service, replicas: 2, latency: 20ms }',
        '  slow: &slow { kind: service, latency: 90ms, concurrency: 4 }',
        '  api:',
        '    <<: [*slow, *svc]',
        '    replicas: 3',
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.design!.nodes.api).toMatchObject({ kind: 'service', replicas: 3, concurrency: 4, latency: { dist: 'constant', value: 90 } });
  });

  it('locates a problem a merge brings in at the anchored value it came from', () => {
    const p = one(
      yaml([
        'nodes:',
        '  base: &svc { kind: service, replicas: 2 }',
        '  api:',
        '    <<: *svc',
        '    repliccas: 3',
        '  web: { kind: client, requests: [ { to: api } ] }',
      ]),
    );
    expect(p).toMatchObject({ line: 5, column: 5, code: 'unknown-field' });
    const q = problems(yaml(['nodes:', '  base: &svc { kind: service, replicas: many }', '  api: { <<: *svc }']));
    expect(q.map((x) => `${x.line}:${x.column} ${x.path.join('.')}`)).toEqual(['2:41 nodes.base.replicas', '2:41 nodes.api.replicas']);
  });

  it('refuses a merge of something that is not a mapping, and two merge keys in one mapping', () => {
    expect(one(yaml(['nodes:', '  api: { <<: [1, 2], kind: service }'])).message).toBe(
      'syntax error: a merge key "<<" takes a mapping (an alias *name of one) or a list of them',
    );
    const p = one(yaml(['nodes:', '  b: &b { kind: service }', '  api:', '    <<: *b', '    <<: *b']));
    expect(p).toMatchObject({ line: 5, column: 5, code: 'duplicate' });
  });

  it('reports an alias bomb at the alias that sets it off, quickly', () => {
    const lines = ['name: lol', 'description: &a "lol"'];
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++)
      lines.push(
        `x${i}: &${names[i]} [${Array(10)
          .fill(`*${names[i - 1]}`)
          .join(', ')}]`,
      );
    const t = Date.now();
    const ps = problems(yaml(lines));
    expect(Date.now() - t).toBeLessThan(5000); // a guard against a hang, not a speed target
    expect(ps).toHaveLength(1);
    expect(ps[0]!.message).toMatch(/^alias \*f expands to 111111 values and takes the design past 200000 \(an alias bomb\)/);
    expect(ps[0]).toMatchObject({ line: 8, column: 9 });
    // An alias that names nothing.
    expect(one('name: *nope\n')).toMatchObject({ line: 1, column: 7, message: 'syntax error: alias *nope names no anchor &nope above it' });
  });

  it('says "nested too deeply" where it goes past the limit, flow or block, or through aliases', () => {
    const flow = one(`name: x\nnodes: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(flow).toMatchObject({ line: 2, column: 71, message: 'nested too deeply: more than 64 levels of mappings and lists' });
    const block = ['name: x', 'description:'];
    for (let i = 0; i < 3000; i++) block.push(`${' '.repeat(i + 1)}- `);
    expect(one(yaml(block)).message).toBe('nested too deeply: more than 64 levels of mappings and lists');
    const chain = ['name: x', `a0: &a0 ${'['.repeat(40)}1${']'.repeat(40)}`];
    for (let i = 1; i < 3; i++) chain.push(`a${i}: &a${i} ${'['.repeat(30)}*a${i - 1}${']'.repeat(30)}`);
    const viaAlias = one(yaml(chain));
    expect(viaAlias).toMatchObject({ line: 3 });
    expect(viaAlias.message).toMatch(/^nested too deeply: with alias \*a0 written out/);
  });

  it('rejects absurd durations and numbers, naming the field', () => {
    const field = (v: string) => one(yaml(['nodes:', `  api: { kind: service, latency: ${v} }`])).message;
    expect(field('99999999999999999999999h')).toBe(
      'nodes.api.latency: expected a duration of at most 8760h (a year), got "99999999999999999999999h"',
    );
    expect(field('1e400ms')).toMatch(/^nodes\.api\.latency: expected a duration/);
    expect(field('-5ms')).toMatch(/^nodes\.api\.latency: expected a duration/);
    expect(field('.nan')).toMatch(/^nodes\.api\.latency: .*got NaN$/);
    expect(field('1e400')).toMatch(/^nodes\.api\.latency: .*got Infinity$/);
    expect(one(yaml(['nodes:', '  api: { kind: service, timeout: 400000000h }'])).message).toMatch(
      /^nodes\.api: unknown field|^nodes\.api\.timeout/,
    );
    expect(one(yaml(['nodes:', '  api: { kind: service, replicas: 1e400 }'])).message).toMatch(/^nodes\.api\.replicas: /);
  });

  it('finds duplicate ids in one linear pass, each at its key, with the other problems', () => {
    const ps = problems(yaml(['nodes:', '  api: { kind: service }', '  "api": { kind: service }', '  db: { kind: databse }']));
    expect(ps.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['3:3 duplicate', '4:15 enum']);
    // 1 and "1" are one key once read.
    expect(one(yaml(['nodes:', '  1: { kind: service }', '  "1": { kind: service }'])).code).toBe('duplicate');
  });
});

describe('parseDesign: environment names', () => {
  it('refuses env names compose would interpolate or a shell could not set ($, =, spaces), at the key', () => {
    const ps = problems(yaml(['nodes:', '  api: { kind: service, env: { "A=B": x, "$X": y, ok.name-1: z } }']));
    expect(ps.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:32 nodes.api.env["A=B"]: invalid key: expected an environment variable name (letters, digits, _ . -)',
      '2:42 nodes.api.env["$X"]: invalid key: expected an environment variable name (letters, digits, _ . -)',
    ]);
  });
});
