// Every id is a plain key (issue #10): `__proto__` and every other Object.prototype name is a node
// like any other in validate, the graph, overrides, the simulator and every export; a `set` path
// through a prototype is an error with its place and never writes to Object.prototype; and no
// export names a file or folder after a Windows device.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyOverrides, edges, generate, parseDesign, simulate, type Design } from '../../engine/index.js';

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype); // __proto__, constructor, toString, ...

function parse(raw: unknown) {
  return parseDesign(stringify(raw), 'proto.arch.yaml');
}

/** A chain: a client calls the first name, each name calls the next; the last is a database. */
function chain(ids: string[]): Record<string, unknown> {
  const nodes: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  nodes.web = { kind: 'client', rate: 20, requests: [{ to: ids[0] }] };
  ids.forEach((id, i) => {
    const last = i === ids.length - 1;
    nodes[id] = last
      ? { kind: 'database' }
      : { kind: 'service', calls: [{ to: ids[i + 1], timeout: '1s' }], env: { [id]: `value of ${id}` } };
  });
  return { version: 1, name: 'protos', nodes, scenarios: { more: { duration: '2s', set: { [`${ids[0]}.replicas`]: 3 } } } };
}

describe('Object.prototype names as ids', () => {
  expect(PROTO_NAMES).toContain('__proto__');
  const r = parse(chain(PROTO_NAMES));
  const design = r.design!;

  it('validates with every node and every call', () => {
    expect(r.problems).toEqual([]);
    expect(Object.keys(design.nodes).sort()).toEqual(['web', ...PROTO_NAMES].sort());
    const calls = edges(design).map((e) => `${e.from}->${e.to}`);
    for (let i = 0; i + 1 < PROTO_NAMES.length; i++) expect(calls).toContain(`${PROTO_NAMES[i]}->${PROTO_NAMES[i + 1]}`);
    // env keys too: `__proto__` is an environment variable's name, not a prototype
    expect(Object.keys((design.nodes.__proto__ as { env: object }).env)).toEqual(['__proto__']);
  });

  it('reports a reference to a prototype name that is not a node', () => {
    const p = parse({ version: 1, nodes: { a: { kind: 'service', calls: [{ to: 'toString' }, { to: '__proto__' }] } } });
    expect(p.problems.map((x) => `${x.line}:${x.column} ${x.message}`)).toEqual([
      expect.stringMatching(/^6:\d+ .*"toString" is not a node/),
      expect.stringMatching(/^7:\d+ .*"__proto__" is not a node/),
    ]);
  });

  it('applies overrides to them and simulates each', () => {
    const o = applyOverrides(design, { [`${PROTO_NAMES[0]}.replicas`]: 3, '__proto__.replicas': 2 });
    expect(o.errors).toEqual([]);
    expect(Object.keys(o.design!.nodes)).toHaveLength(PROTO_NAMES.length + 1);
    const res = simulate(design, { duration: 2000, seed: 1 });
    for (const id of PROTO_NAMES) expect(Object.hasOwn(res.nodes, id), id).toBe(true);
    expect(res.nodes.__proto__!.arrivals).toBeGreaterThan(0);
  });

  it('exports each of them (all targets), every file its own', () => {
    const files = generate(design, 'all');
    const services = new Set(files.map((f) => /^services\/([^/]+)\//.exec(f.path)?.[1]).filter(Boolean));
    expect(services.size).toBe(PROTO_NAMES.length - 1); // the last one is the database
    expect(services).toContain('proto');
    const compose = files.find((f) => f.path === 'docker-compose.yml')!.content;
    expect(compose).toContain('__proto__: value of __proto__');
  });
});

describe('set paths through a prototype', () => {
  const base = { version: 1, nodes: { api: { kind: 'service' } } };
  for (const key of ['api.__proto__.errorRate', 'api.constructor.prototype.polluted', 'api.latency.__proto__', 'api.prototype']) {
    it(`refuses ${key} with its place, and Object.prototype stays clean`, () => {
      const p = parse({ ...base, scenarios: { s: { set: { [key]: 1 } } } });
      expect(p.design).toBeUndefined();
      expect(p.problems).toHaveLength(1);
      expect(p.problems[0]!).toMatchObject({ line: 8, path: ['scenarios', 's', 'set', key] });
      expect(p.problems[0]!.message).toMatch(/is not a field/);
      const design = parse(base).design!;
      const o = applyOverrides(design, { [key]: 1 });
      expect(o.errors).toEqual([expect.stringMatching(/is not a field/)]);
      expect(({} as Record<string, unknown>).errorRate).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

describe('Windows device names', () => {
  const ids = ['con', 'AUX', 'nul', 'prn', 'com1', 'COM9', 'lpt1', 'lpt9', 'con.txt', 'Nul ', 'aux-', 'com0', 'lpt0'];
  const nodes: Record<string, unknown> = { web: { kind: 'client', requests: [{ to: 'con' }] } };
  ids.forEach((id, i) => (nodes[id] = i < 10 ? { kind: i % 3 === 2 ? 'saga' : 'service' } : { kind: 'database' }));
  const design: Design = parse({ version: 1, name: 'aux', nodes }).design!;

  it('are never a file or folder name, in any target', () => {
    const files = generate(design, 'all');
    for (const f of files) for (const seg of f.path.split('/')) expect(WINDOWS_DEVICE.test(seg), f.path).toBe(false);
    expect(files.map((f) => f.path)).toContain('services/con-node/package.json');
    expect(files.map((f) => f.path)).toContain('k8s/aux-node.yaml');
  });
});
