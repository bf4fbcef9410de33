// Hostile and huge designs (#10): ids that are Object.prototype names, dense and huge graphs.
// Each design here once crashed the review or took minutes; now every one is reviewed with
// bounded work (the timings are in `npm run bench`, not here).
import { describe, expect, it } from 'vitest';
import { review } from './review.js';
import { design, designOf, renamed } from './testing.js';
import { MAX_LISTED } from './pathSearch.js';
import type { Finding } from './types.js';

const of = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);

describe('ids that are Object.prototype names', () => {
  it('covers every name', () =>
    expect(PROTO_NAMES).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])));
  it.each(PROTO_NAMES)('"%s" is a node like any other', (name) => {
    // web -> gw -> X -> db, X <-> y a cycle, X and y share db: X is on every path a rule reports.
    const base = design(`
nodes:
  web: { kind: client, requests: [ { to: gw, route: /x, retry: { attempts: 3 } } ] }
  gw: { kind: gateway, routes: [ { path: /x, to: zz_x } ] }
  zz_x: { kind: service, calls: [ { to: db }, { to: y, retry: { attempts: 4 } } ] }
  y: { kind: service, calls: [ { to: db }, { to: zz_x, retry: { attempts: 4 } } ] }
  db: { kind: database }
`);
    const d = renamed(base, new Map([['zz_x', name]]));
    expect(Object.keys(d.nodes)).toContain(name);
    const fs = review(d);
    expect(of(fs, 'shared-database').map((f) => f.nodes)).toEqual([['db', name, 'y']]);
    expect(of(fs, 'sync-cycle').map((f) => f.nodes)).toEqual([[name, 'y']]);
    expect(
      of(fs, 'single-replica')
        .map((f) => f.nodes[0])
        .sort(),
    ).toEqual(['gw', name, 'y'].sort());
    expect(of(fs, 'retry-amplification').map((f) => f.nodes)).toEqual([['web', 'gw', name, 'y']]);
    expect(of(fs, 'unreachable')).toEqual([]);
    expect(fs.every((f) => f.nodes.every((n) => n in d.nodes || Object.hasOwn(d.nodes, n)))).toBe(true);
  });
});

describe('a model that lost a node', () => {
  it.each(PROTO_NAMES)('a call to a missing "%s" is ignored, not followed into Object.prototype', (name) => {
    const d = design(`
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: db } ] }
  db: { kind: database }
`);
    const a = d.nodes.a as { calls: { to: string }[] };
    a.calls.push({ ...a.calls[0]!, to: name });
    expect(() => review(d)).not.toThrow();
    expect(review(d).flatMap((f) => f.nodes)).not.toContain(name);
  });
});

describe('dense and huge designs', () => {
  it('300 fully connected services: bounded paths, one knot of cycles, every call reported', () => {
    const N = 300;
    const nodes: Record<string, unknown> = { web: { kind: 'client', requests: [{ to: 's0' }] } };
    for (let i = 0; i < N; i++)
      nodes[`s${i}`] = { kind: 'service', calls: Array.from({ length: N - 1 }, (_, j) => ({ to: `s${j < i ? j : j + 1}` })) };
    const fs = review(designOf({ nodes }));
    const cycles = of(fs, 'sync-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.nodes).toHaveLength(N);
    expect(cycles[0]!.message).toContain('300 nodes call each other synchronously in more than 20 cycles');
    const deep = of(fs, 'deep-sync-chain');
    expect(deep.length).toBeGreaterThan(0);
    expect(deep.length).toBeLessThanOrEqual(MAX_LISTED);
    expect(deep[0]!.message).toContain('more such paths than the review lists');
    expect(of(fs, 'missing-timeout')).toHaveLength(N * (N - 1));
    expect(of(fs, 'god-service')).toHaveLength(N);
  });

  it('70 000 calls between two nodes are one hop', () => {
    const nodes = {
      web: { kind: 'client', requests: [{ to: 'a' }] },
      a: { kind: 'service', calls: Array.from({ length: 70_000 }, () => ({ to: 'b', timeout: 1000, retry: { attempts: 2 } })) },
      b: { kind: 'service', replicas: 2, latency: 1 },
    };
    const fs = review(designOf({ nodes }));
    expect(of(fs, 'missing-breaker').map((f) => f.nodes)).toEqual([['a', 'b']]);
    // 70 000 calls at 10 req/s x 1 ms on 2 x 16 slots: b is far past its capacity.
    expect(of(fs, 'capacity').map((f) => f.nodes)).toEqual([['b']]);
  });

  it('45 000 unconnected nodes', () => {
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i < 45_000; i++) nodes[`n${i}`] = { kind: 'service' };
    const fs = review(designOf({ nodes }));
    expect(of(fs, 'unreachable')).toHaveLength(45_000);
    expect(fs).toHaveLength(45_000);
  });

  it('a ring of 20 000 retrying services: no recursion, one cycle, the storm found', () => {
    const N = 20_000;
    const nodes: Record<string, unknown> = { web: { kind: 'client', requests: [{ to: 'n0' }] } };
    for (let i = 0; i < N; i++)
      nodes[`n${i}`] = { kind: 'service', replicas: 2, calls: [{ to: `n${(i + 1) % N}`, retry: { attempts: 2 } }] };
    const fs = review(designOf({ nodes }));
    const cycles = of(fs, 'sync-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.nodes).toHaveLength(N);
    const deep = of(fs, 'deep-sync-chain');
    expect(deep).toHaveLength(1);
    expect(deep[0]!.nodes).toHaveLength(N + 1);
    expect(of(fs, 'retry-amplification')).toHaveLength(1);
  });
});
