// The review follows operations (#13): a request to a node with operations runs one operation's
// calls — the one the call, request, route or step names, else any of them by weight — not the
// union of all; optional calls are not what a request needs; load is counted per operation.
// Each design below shows a finding that the operation (or optional) makes right, and its
// corrected version is silent.
import { describe, expect, it } from 'vitest';
import { computeLoad } from './load.js';
import { review } from './review.js';
import { design } from './testing.js';
import type { Finding } from './types.js';

const of = (yaml: string, rule: string): Finding[] => review(design(yaml)).filter((f) => f.rule === rule);

// front -> mid, where mid's "GET /deep" starts a chain of four more services and "GET /flat"
// answers alone. The union of mid's calls is a 5-hop chain; only "GET /deep" runs it.
const CHAIN = (op: string, extra = '') => `
nodes:
  web: { kind: client, requests: [ { to: front } ] }
  front: { kind: service, replicas: 2, calls: [ { to: mid, op: "${op}"${extra} } ] }
  mid:
    kind: service
    replicas: 2
    operations:
      "GET /deep": { calls: [ { to: d1 } ] }
      "GET /flat": { latency: 2ms }
  d1: { kind: service, replicas: 2, calls: [ { to: d2 } ] }
  d2: { kind: service, replicas: 2, calls: [ { to: d3 } ] }
  d3: { kind: service, replicas: 2, calls: [ { to: d4 } ] }
  d4: { kind: service, replicas: 2 }
  other: { kind: client, requests: [ { to: d1 } ] }
`;

describe('deep-sync-chain follows the operation a call names', () => {
  it('fires through the operation that runs the chain, naming it', () => {
    const fs = of(CHAIN('GET /deep'), 'deep-sync-chain');
    expect(fs.map((f) => f.nodes)).toEqual([['web', 'front', 'mid', 'd1', 'd2', 'd3', 'd4']]);
    expect(fs[0]!.message).toContain('waits on 5 synchronous service hops');
    expect(fs[0]!.message).toContain('front -> mid (GET /deep) -> d1');
  });
  it('is silent when the call names the operation that answers alone', () => {
    expect(of(CHAIN('GET /flat'), 'deep-sync-chain')).toEqual([]);
  });
  it('is silent when the call to the deep operation is optional (the request does not need it)', () => {
    expect(of(CHAIN('GET /deep', ', optional: true'), 'deep-sync-chain')).toEqual([]);
  });
  it('a call naming no operation may run either: the deep one counts', () => {
    const d = CHAIN('GET /deep').replace(', op: "GET /deep"', '');
    expect(of(d, 'deep-sync-chain').map((f) => f.nodes)).toEqual([['web', 'front', 'mid', 'd1', 'd2', 'd3', 'd4']]);
  });
  it('a gateway route names the operation', () => {
    const gw = (op: string) => `
nodes:
  web: { kind: client, requests: [ { to: gw, route: /m } ] }
  gw: { kind: gateway, replicas: 2, rateLimit: 100, routes: [ { path: /m, to: mid, op: "${op}" } ] }
  mid:
    kind: service
    replicas: 2
    operations:
      "GET /deep": { calls: [ { to: d1 } ] }
      "GET /flat": { latency: 2ms }
  d1: { kind: service, replicas: 2, calls: [ { to: d2 } ] }
  d2: { kind: service, replicas: 2, calls: [ { to: d3 } ] }
  d3: { kind: service, replicas: 2, calls: [ { to: d4 } ] }
  d4: { kind: service, replicas: 2, calls: [ { to: d5 } ] }
  d5: { kind: service, replicas: 2 }
`;
    expect(of(gw('GET /deep'), 'deep-sync-chain').map((f) => f.nodes)).toEqual([['web', 'gw', 'mid', 'd1', 'd2', 'd3', 'd4', 'd5']]);
    expect(of(gw('GET /flat'), 'deep-sync-chain')).toEqual([]);
  });
});

describe('single-replica and unreachable follow operations and leave optional calls out', () => {
  const yaml = (op: string, optional: string) => `
nodes:
  web: { kind: client, requests: [ { to: front } ] }
  front:
    kind: service
    replicas: 2
    calls: [ { to: mid, op: "${op}" }, { to: ads${optional} } ]
  mid:
    kind: service
    replicas: 2
    operations:
      "GET /a": { calls: [ { to: lonely } ] }
      "GET /b": { latency: 2ms }
  lonely: { kind: service }
  ads: { kind: service }
`;
  it('fires on the single replicas a request needs, with the path that needs it', () => {
    const fs = of(yaml('GET /a', ''), 'single-replica');
    expect(fs.map((f) => f.nodes)).toEqual([['ads'], ['lonely']]);
    expect(fs[1]!.message).toContain('(web -> front -> mid (GET /a) -> lonely)');
  });
  it('an optional call is not needed; an operation nobody runs does not reach its callees', () => {
    expect(of(yaml('GET /b', ', optional: true'), 'single-replica')).toEqual([]);
    expect(of(yaml('GET /b', ', optional: true'), 'unreachable').map((f) => f.nodes)).toEqual([['lonely']]);
  });
});

describe('retry rules follow operations', () => {
  const yaml = (op: string) => `
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: b, op: "${op}", timeout: 2s, retry: { attempts: 2, backoff: 100ms, jitter: full } } ] }
  b:
    kind: service
    operations:
      "GET /x": { calls: [ { to: c, timeout: 200ms, retry: { attempts: 6, backoff: 50ms, jitter: full } } ] }
      "GET /y": { latency: 1ms }
  c: { kind: service }
`;
  it('retry-amplification counts the retries of the operation that runs, naming it', () => {
    const fs = of(yaml('GET /x'), 'retry-amplification');
    expect(fs.map((f) => f.nodes)).toEqual([['web', 'a', 'b', 'c']]);
    expect(fs[0]!.message).toContain('a -(2x)-> b (GET /x) -(6x)-> c');
  });
  it('is silent when the call names the operation that does not retry (and so is nested-retries: one layer)', () => {
    expect(of(yaml('GET /y'), 'retry-amplification')).toEqual([]);
    expect(of(yaml('GET /y'), 'nested-retries')).toEqual([]);
  });
});

describe('sync-cycle follows operations', () => {
  const yaml = (back: string) => `
nodes:
  web: { kind: client, requests: [ { to: a, op: "GET /start" } ] }
  a:
    kind: service
    operations:
      "GET /start": { calls: [ { to: b, op: "GET /lookup" } ] }
      "GET /name": { latency: 1ms }
  b:
    kind: service
    operations:
      "GET /lookup": { calls: [ { to: a, op: "${back}" } ] }
`;
  it('a request that comes back to the operation it started in is a cycle', () => {
    expect(of(yaml('GET /start'), 'sync-cycle').map((f) => f.nodes)).toEqual([['a', 'b']]);
  });
  it('calls back into another operation that calls nothing are not', () => {
    expect(of(yaml('GET /name'), 'sync-cycle')).toEqual([]);
  });
});

describe('load per operation', () => {
  // 100 req/s: 9 in 10 run GET /cheap (1 ms), 1 in 10 POST /heavy (150 ms, three db calls).
  const yaml = (entry: string) => `
nodes:
  web: { kind: client, rate: 100, requests: [ { to: svc${entry} } ] }
  svc:
    kind: service
    concurrency: 1
    replicas: 2
    operations:
      "GET /cheap": { weight: 9, latency: 1ms }
      "POST /heavy": { weight: 1, latency: 150ms, calls: [ { to: db }, { to: db }, { to: db } ] }
  db: { kind: database, connections: 1, latency: 2ms }
`;
  it('counts each operation at its own rate and latency, not the node average', () => {
    const load = computeLoad(design(yaml('')));
    const svc = load.nodes.get('svc')!;
    expect(svc.arrival).toBeCloseTo(100);
    // 90/s x 1 ms + 10/s x 150 ms = 1.59 busy slots of 2 (the node's 10 ms default would give 0.5).
    expect(svc.utilization).toBeCloseTo((90 * 0.001 + 10 * 0.15) / 2);
    expect(svc.operations!.map((o) => [o.name, Number(o.arrival.toFixed(6))])).toEqual([
      ['GET /cheap', 90],
      ['POST /heavy', 10],
    ]);
    expect(load.operations.get('svc')!.get('POST /heavy')).toBeCloseTo(10);
    // Only POST /heavy calls the database: 10/s x 3.
    expect(load.arrivals.get('db')).toBeCloseTo(30);
  });
  it('capacity fires when the operation the clients name saturates the node, and names it', () => {
    const fs = of(yaml(', op: "POST /heavy"'), 'capacity').filter((f) => f.nodes[0] === 'svc');
    expect(fs).toHaveLength(1);
    // 100/s x 150 ms / 2 slots = 7.5.
    expect(fs[0]!.message).toContain('utilization 7.5 (750%)');
    expect(fs[0]!.message).toContain('POST /heavy 100 req/s x 150 ms');
    expect(of(yaml(', op: "GET /cheap"'), 'capacity')).toEqual([]);
  });
  it("an optional call's failures do not stop the calls after it", () => {
    const d = (optional: string) =>
      computeLoad(
        design(`
nodes:
  web: { kind: client, rate: 10, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: flaky${optional} }, { to: b } ] }
  flaky: { kind: service, errorRate: 1 }
  b: { kind: service }
`),
      );
    expect(d(', optional: true').arrivals.get('b')).toBeCloseTo(10);
    expect(d('').arrivals.get('b') ?? 0).toBeCloseTo(0);
  });
  it('stages run their calls at once: a failure in stage 0 stops stage 1, not its neighbours', () => {
    const load = computeLoad(
      design(`
nodes:
  web: { kind: client, rate: 10, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: half, stage: 0 }, { to: b, stage: 0 }, { to: c, stage: 1 } ] }
  half: { kind: service, errorRate: 0.5 }
  b: { kind: service }
  c: { kind: service }
`),
    );
    expect(load.arrivals.get('b')).toBeCloseTo(10);
    expect(load.arrivals.get('c')).toBeCloseTo(5);
  });
});

describe('breaker-cannot-trip counts an operation at its own rate', () => {
  const yaml = (weight: number) => `
nodes:
  web: { kind: client, rate: 100, requests: [ { to: a } ] }
  a:
    kind: service
    operations:
      "GET /hot": { weight: ${100 - weight} }
      "GET /cold": { weight: ${weight}, calls: [ { to: b, timeout: 1s, breaker: { failureRate: 50%, window: 20, minCalls: 20, openFor: 10s } } ] }
  b: { kind: service }
`;
  it('fires when the operation that holds the breaker runs rarely', () => {
    // GET /cold runs 0.5 of 100 req/s: 20 calls to decide take 40 s (the node's 100/s would say 0.2 s).
    const fs = of(yaml(0.5), 'breaker-cannot-trip');
    expect(fs.map((f) => f.nodes)).toEqual([['a', 'b']]);
    expect(fs[0]!.message).toContain('0.5 calls/s');
    expect(of(yaml(50), 'breaker-cannot-trip')).toEqual([]);
  });
});

describe('shared-database sees operations', () => {
  it("counts a database that two services' operations call", () => {
    const d = `
nodes:
  web: { kind: client, requests: [ { to: a }, { to: b } ] }
  a: { kind: service, operations: { "GET /x": { calls: [ { to: db } ] } } }
  b: { kind: service, calls: [ { to: db } ] }
  db: { kind: database }
`;
    expect(of(d, 'shared-database').map((f) => f.nodes)).toEqual([['db', 'a', 'b']]);
    expect(of(d.replace('{ to: db } ] } } }', '{ to: other } ] } } }\n  other: { kind: database }'), 'shared-database')).toEqual([]);
  });
});

// missing-timeout and missing-breaker are call rules too: a node with operations makes its calls
// from each operation, so the finding names the operation and points at that call's entry.
describe('missing-timeout and missing-breaker name the calling operation', () => {
  const OPS = `
nodes:
  web: { kind: client, requests: [ { to: orders, timeout: 2s, breaker: {} } ] }
  orders:
    kind: service
    operations:
      "GET /orders/:id": { calls: [ { to: orders-db, timeout: 200ms } ] }
      "POST /orders":
        calls:
          - { to: orders-db, timeout: 200ms }
          - { to: payments, op: "POST /charges" }
      "DELETE /orders/:id":
        calls: [ { to: payments, op: "POST /refunds", timeout: 1s } ]
  payments:
    kind: service
    operations: { "POST /charges": {}, "POST /refunds": {} }
  orders-db: { kind: database }
`;
  it('missing-timeout: the operation in the message, its call as the place', () => {
    const fs = of(OPS, 'missing-timeout');
    expect(fs.map((f) => f.nodes)).toEqual([['orders', 'payments']]);
    expect(fs[0]!.message).toContain('"orders" (operation "POST /orders") calls "payments" synchronously with no timeout');
    expect(fs[0]!.at).toEqual(['nodes', 'orders', 'operations', 'POST /orders', 'calls', 1]);
  });
  it('missing-breaker: one finding per operation that calls without a breaker', () => {
    const fs = of(OPS, 'missing-breaker');
    expect(fs.map((f) => [f.nodes, f.at])).toEqual([
      [
        ['orders', 'payments'],
        ['nodes', 'orders', 'operations', 'POST /orders', 'calls', 1],
      ],
      [
        ['orders', 'payments'],
        ['nodes', 'orders', 'operations', 'DELETE /orders/:id', 'calls', 0],
      ],
    ]);
    expect(fs.map((f) => f.message.slice(0, f.message.indexOf(' calls ')))).toEqual([
      '"orders" (operation "POST /orders")',
      '"orders" (operation "DELETE /orders/:id")',
    ]);
  });
  it('a node without operations is named alone, at its own call', () => {
    const fs = of(
      `
nodes:
  a: { kind: service, calls: [ { to: b, timeout: 1s, breaker: {} }, { to: c } ] }
  b: { kind: service }
  c: { kind: service }
`,
      'missing-timeout',
    );
    expect(fs.map((f) => [f.nodes, f.at])).toEqual([
      [
        ['a', 'c'],
        ['nodes', 'a', 'calls', 1],
      ],
    ]);
    expect(fs[0]!.message).toMatch(/^"a" calls "c"/);
  });
});
