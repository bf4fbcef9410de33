import { describe, expect, it } from 'vitest';
import { review } from '../review.js';
import { design, designOf } from '../testing.js';
import type { Finding } from '../types.js';

const of = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
const nodesOf = (fs: Finding[], rule: string) => of(fs, rule).map((f) => f.nodes);

// A tidy system: gateway in front, one database per service, timeouts and breakers everywhere,
// retries at one layer, two replicas or autoscale, compensations, a DLQ, enough capacity.
const TIDY = `
name: tidy
defaults:
  call:
    timeout: 1s
    breaker: { failureRate: 50%, window: 20, minCalls: 10, openFor: 10s }
nodes:
  web:
    kind: client
    rate: 100
    requests:
      - { to: gw, route: /orders, weight: 3 }
      - { to: gw, route: /checkout, weight: 1, timeout: 5s }
  gw:
    kind: gateway
    replicas: 2
    latency: 1ms
    rateLimit: 500
    routes: [ { path: /orders, to: orders }, { path: /checkout, to: checkout } ]
    calls: [ { to: checkout, timeout: 4s } ]
  orders:
    kind: service
    replicas: 2
    latency: 10ms
    calls:
      - { to: orders-db, timeout: 200ms }
      - { to: stock, timeout: 150ms, retry: { attempts: 3, jitter: full } }
      - { to: events, probability: 50% }
  stock: { kind: service, replicas: 2, latency: 5ms, calls: [ { to: stock-cache, timeout: 50ms } ] }
  stock-cache: { kind: cache, hitRatio: 90%, miss: stock-db }
  stock-db: { kind: database }
  orders-db: { kind: database }
  pay: { kind: service, autoscale: { min: 2, max: 4 }, latency: 20ms, calls: [ { to: pay-db } ] }
  pay-db: { kind: database }
  checkout:
    kind: saga
    replicas: 2
    steps:
      - { name: reserve, to: stock, compensate: release }
      - { name: charge, to: pay, compensate: refund }
      - { name: confirm, to: orders }
  events: { kind: topic, consumers: [ mailer ], dlq: events-dlq }
  events-dlq: { kind: topic }
  mailer: { kind: service, replicas: 2 }
`;

describe('a tidy design', () => {
  it('gives no findings at all', () => {
    expect(review(design(TIDY))).toEqual([]);
  });
});

describe('shared-database', () => {
  it('names the database first, then every service using it (a cache in front counts)', () => {
    const fs = review(
      design(`
nodes:
  a: { kind: service, calls: [ { to: db, timeout: 1s } ] }
  b: { kind: service, calls: [ { to: c, timeout: 1s } ] }
  c: { kind: cache, miss: db }
  s: { kind: saga, steps: [ { name: x, to: db2 } ], calls: [ { to: db, async: true } ] }
  db: { kind: database }
  db2: { kind: database }
`),
    );
    expect(of(fs, 'shared-database')).toEqual([expect.objectContaining({ severity: 'error', nodes: ['db', 'a', 'b', 's'] })]);
  });
  it('stays silent for a database with one owner', () => {
    expect(of(review(design(TIDY)), 'shared-database')).toEqual([]);
  });
});

describe('sync-cycle', () => {
  const fs = review(
    design(`
nodes:
  u: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: b }, { to: q } ] }
  b: { kind: service, calls: [ { to: c } ] }
  c: { kind: service, calls: [ { to: a }, { to: b } ] }
  d: { kind: service, calls: [ { to: d } ] }
  e: { kind: service, calls: [ { to: f, async: true } ] }
  f: { kind: service, calls: [ { to: e } ] }
  q: { kind: queue, consumers: [ a ] }
  k: { kind: cache, miss: g }
  g: { kind: service, calls: [ { to: k } ] }
`),
  );
  it('reports each cycle once, from its first node in design order, async calls and deliveries excluded', () => {
    expect(nodesOf(fs, 'sync-cycle')).toEqual([['a', 'b', 'c'], ['b', 'c'], ['d'], ['k', 'g']]);
    expect(of(fs, 'sync-cycle')[0]!.severity).toBe('error');
  });
  it('stays silent on a tidy design', () => {
    expect(of(review(design(TIDY)), 'sync-cycle')).toEqual([]);
  });
});

describe('deep-sync-chain', () => {
  const chain = (n: number, extra = '') => `
nodes:
  web: { kind: client, requests: [ { to: s1 } ] }
${Array.from({ length: n }, (_, i) => `  s${i + 1}: { kind: service, replicas: 2, calls: [ ${i + 1 < n ? `{ to: s${i + 2} }, ` : ''}{ to: db${i + 1} } ] }\n  db${i + 1}: { kind: database }`).join('\n')}
${extra}`;
  it('fires above 4 service hops with the whole path up to the last service', () => {
    const fs = of(review(design(chain(6))), 'deep-sync-chain');
    expect(fs).toEqual([expect.objectContaining({ severity: 'warning', nodes: ['web', 's1', 's2', 's3', 's4', 's5', 's6'] })]);
    expect(fs[0]!.message).toContain('5 synchronous service hops');
  });
  it('stays silent at exactly 4 hops, and when the fifth hop is async', () => {
    expect(of(review(design(chain(5))), 'deep-sync-chain')).toEqual([]);
    const d = design(chain(5, '  s6: { kind: service, replicas: 2 }').replace('{ to: db5 }', '{ to: s6, async: true }'));
    expect(of(review(d), 'deep-sync-chain')).toEqual([]);
  });
  it('gives one finding per distinct path and honours a threshold override', () => {
    const d = design(chain(6).replace('requests: [ { to: s1 } ]', 'requests: [ { to: s1 }, { to: s1, weight: 2 } ]'));
    expect(of(review(d), 'deep-sync-chain')).toHaveLength(1);
    expect(of(review(d, { thresholds: { 'deep-sync-chain': 5 } }), 'deep-sync-chain')).toEqual([]);
  });
  it('follows only the gateway route a client requests', () => {
    const d = design(`
nodes:
  web: { kind: client, requests: [ { to: gw, route: /short } ] }
  gw: { kind: gateway, routes: [ { path: /short, to: x }, { path: /long, to: s1 } ] }
  x: { kind: service }
${chain(5).split('\n').slice(3).join('\n')}
`);
    expect(of(review(d), 'deep-sync-chain')).toEqual([]);
    const e = design(`
nodes:
  web: { kind: client, requests: [ { to: gw, route: /long/1 } ] }
  gw: { kind: gateway, routes: [ { path: /short, to: x }, { path: /long, to: s1 } ] }
  x: { kind: service }
${chain(5).split('\n').slice(3).join('\n')}
`);
    expect(nodesOf(review(e), 'deep-sync-chain')).toEqual([['web', 'gw', 's1', 's2', 's3', 's4', 's5']]);
  });
});

describe('missing-timeout and missing-breaker', () => {
  const d = design(`
nodes:
  web: { kind: client, requests: [ { to: gw, route: / } ] }
  gw: { kind: gateway, routes: [ { path: /, to: a } ] }
  a:
    kind: service
    calls:
      - { to: b, timeout: 1s }
      - { to: b, timeout: 1s }
      - { to: db }
      - { to: c, timeout: 1s, breaker: {} }
      - { to: q }
      - { to: d, async: true }
  b: { kind: service }
  c: { kind: service }
  d: { kind: service }
  db: { kind: database }
  q: { kind: queue }
  s: { kind: saga, steps: [ { name: one, to: c } ], calls: [ { to: c, timeout: 2s } ] }
`);
  const fs = review(d);
  it('missing-timeout: [caller, callee] for sync calls, forwards and steps, once per pair', () => {
    expect(nodesOf(fs, 'missing-timeout')).toEqual([
      ['a', 'db'],
      ['gw', 'a'],
    ]);
  });
  it('missing-breaker: only between services, forwards and saga steps included', () => {
    expect(nodesOf(fs, 'missing-breaker')).toEqual([
      ['a', 'b'],
      ['gw', 'a'],
      ['s', 'c'],
    ]);
  });
  it('defaults.call applies everywhere', () => {
    const withDefaults = design(`
defaults: { call: { timeout: 1s, breaker: {} } }
nodes:
  a: { kind: service, calls: [ { to: b }, { to: db } ] }
  b: { kind: service }
  db: { kind: database }
`);
    const r = review(withDefaults);
    expect(of(r, 'missing-timeout')).toEqual([]);
    expect(of(r, 'missing-breaker')).toEqual([]);
  });
});

describe('retry-amplification', () => {
  const d = design(`
nodes:
  web: { kind: client, requests: [ { to: gw, route: /a, retry: { attempts: 3 } } ] }
  gw: { kind: gateway, replicas: 2, routes: [ { path: /a, to: a } ], calls: [ { to: a, retry: { attempts: 2 } } ] }
  a: { kind: service, replicas: 2, calls: [ { to: b, retry: { attempts: 2 } }, { to: c } ] }
  b: { kind: service, replicas: 2, calls: [ { to: db } ] }
  c: { kind: service, replicas: 2 }
  db: { kind: database }
`);
  it('fires when attempts multiply past 10, with the path up to the last retrying hop', () => {
    const fs = of(review(d), 'retry-amplification');
    expect(fs.map((f) => f.nodes)).toEqual([['web', 'gw', 'a', 'b']]);
    expect(fs[0]!.message).toContain('12 tries');
  });
  it('stays silent at 10 or below', () => {
    expect(of(review(d, { thresholds: { 'retry-amplification': 12 } }), 'retry-amplification')).toEqual([]);
    expect(of(review(design(TIDY)), 'retry-amplification')).toEqual([]);
  });
});

describe('single-replica', () => {
  it('tells a long path by its ends (a ring of 30 services: the path to n29 has 31 hops)', () => {
    const N = 30;
    const nodes: Record<string, unknown> = { web: { kind: 'client', requests: [{ to: 'n0' }] } };
    for (let i = 0; i < N; i++) nodes[`n${i}`] = { kind: 'service', calls: [{ to: `n${(i + 1) % N}`, timeout: 1000 }] };
    const fs = of(review(designOf({ nodes })), 'single-replica');
    expect(fs).toHaveLength(N);
    const message = (id: string) => fs.find((f) => f.nodes[0] === id)!.message;
    expect(message('n29')).toContain('(web -> n0 -> n1 -> n2 -> n3 -> ...(22 more)... -> n26 -> n27 -> n28 -> n29)');
    // Up to 11 labels the path is written out (never "...(2 more)..." for two names).
    expect(message('n9')).toContain('(web -> n0 -> n1 -> n2 -> n3 -> n4 -> n5 -> n6 -> n7 -> n8 -> n9)');
    expect(message('n10')).toContain('(web -> n0 -> n1 -> n2 -> n3 -> ...(3 more)... -> n7 -> n8 -> n9 -> n10)');
  });
  it("fires for one-replica services on a client's sync path only", () => {
    const fs = review(
      design(`
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, replicas: 2, calls: [ { to: b }, { to: c }, { to: q } ] }
  b: { kind: service }
  c: { kind: service, autoscale: { min: 1, max: 3 } }
  q: { kind: queue, consumers: [ w ] }
  w: { kind: service }
  lone: { kind: service }
`),
    );
    expect(nodesOf(fs, 'single-replica')).toEqual([['b']]);
  });
});

describe('god-service', () => {
  const hub = (n: number) =>
    design(`
nodes:
  hub: { kind: service, calls: [ ${Array.from({ length: n - 1 }, (_, i) => `{ to: s${i} }`).join(', ')}, { to: q } ] }
  caller: { kind: service, calls: [ { to: hub } ] }
  q: { kind: queue }
${Array.from({ length: n - 1 }, (_, i) => `  s${i}: { kind: service }`).join('\n')}
`);
  it('fires at 8 distinct synchronous neighbours (in + out), async ones not counted', () => {
    expect(nodesOf(review(hub(8)), 'god-service')).toEqual([['hub']]);
    expect(of(review(hub(7)), 'god-service')).toEqual([]);
  });
});

describe('saga-no-compensation', () => {
  it('fires once per saga for steps before the last without compensate', () => {
    const fs = review(
      design(`
nodes:
  a: { kind: service }
  b: { kind: service }
  ok: { kind: saga, steps: [ { name: x, to: a, compensate: undo }, { name: y, to: b } ] }
  bad: { kind: saga, steps: [ { name: x, to: a }, { name: y, to: b }, { name: z, to: a } ] }
sagas:
  top: { steps: [ { name: x, to: a }, { name: y, to: b } ] }
`),
    );
    const hits = of(fs, 'saga-no-compensation');
    expect(hits.map((f) => f.nodes)).toEqual([['bad'], ['top']]);
    expect(hits[0]!.message).toContain('"x"');
    expect(hits[0]!.message).toContain('"y"');
  });
});

describe('no-dlq', () => {
  it('fires for queues and topics with consumers and no dlq', () => {
    const fs = review(
      design(`
nodes:
  w: { kind: service }
  q: { kind: queue, consumers: [ w ] }
  t: { kind: topic, consumers: [ w ], dlq: d }
  idle: { kind: topic }
  d: { kind: queue }
`),
    );
    expect(of(fs, 'no-dlq')).toEqual([expect.objectContaining({ severity: 'info', nodes: ['q'] })]);
  });
});

describe('unreachable', () => {
  it('fires for nodes no client reaches, following async edges and requested routes', () => {
    const fs = review(
      design(`
nodes:
  web: { kind: client, requests: [ { to: gw, route: /a } ] }
  gw: { kind: gateway, routes: [ { path: /a, to: a }, { path: /admin, to: admin } ] }
  a: { kind: service, calls: [ { to: t } ] }
  t: { kind: topic, consumers: [ w ], dlq: dl }
  dl: { kind: topic }
  w: { kind: service }
  admin: { kind: service }
  orphan: { kind: database }
`),
    );
    expect(nodesOf(fs, 'unreachable')).toEqual([['admin'], ['orphan']]);
  });
});

describe('gateway-bypass', () => {
  it('fires as [client, callee] when a gateway exists', () => {
    const yaml = `
nodes:
  web: { kind: client, requests: [ { to: gw, route: /a }, { to: b }, { to: b }, { to: db } ] }
  gw: { kind: gateway, routes: [ { path: /a, to: a } ] }
  a: { kind: service }
  b: { kind: service }
  db: { kind: database }
`;
    expect(nodesOf(review(design(yaml)), 'gateway-bypass')).toEqual([['web', 'b']]);
    const noGateway = yaml.replace(/ {2}gw:.*\n/, '').replace('{ to: gw, route: /a }, ', '');
    expect(of(review(design(noGateway)), 'gateway-bypass')).toEqual([]);
  });
});

describe('ordering and options', () => {
  it('sorts by severity, then rule, then nodes, and can disable rules', () => {
    const d = design(`
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: db }, { to: b } ] }
  b: { kind: service, calls: [ { to: db }, { to: a } ] }
  db: { kind: database }
  z: { kind: service }
`);
    const fs = review(d);
    const keys = fs.map((f) => `${f.severity}/${f.rule}/${f.nodes.join(',')}`);
    expect(keys.slice(0, 2)).toEqual(['error/shared-database/db,a,b', 'error/sync-cycle/a,b']);
    expect(keys.at(-1)).toBe('info/unreachable/z');
    expect(review(d, { disabled: ['shared-database'] }).some((f) => f.rule === 'shared-database')).toBe(false);
  });
});

describe('a dense cyclic design', () => {
  it('is reviewed within budget (path and cycle enumeration are bounded)', () => {
    const L = 6;
    const W = 8;
    let yaml = 'nodes:\n  web: { kind: client, requests: [ { to: s0_0 } ] }\n';
    for (let l = 0; l < L; l++)
      for (let w = 0; w < W; w++) {
        const calls = l + 1 < L ? Array.from({ length: W }, (_, k) => `{ to: s${l + 1}_${k} }`).join(', ') : `{ to: s0_${w} }`;
        yaml += `  s${l}_${w}: { kind: service, calls: [ ${calls} ] }\n`;
      }
    const started = performance.now();
    const fs = review(design(yaml));
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(of(fs, 'sync-cycle').length).toBeGreaterThan(0);
    expect(of(fs, 'deep-sync-chain').length).toBeGreaterThan(0);
  });
});
