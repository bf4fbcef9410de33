// "Fields for real systems" (design-format.md): operations, optional/staged calls, network time,
// closed-loop clients, gRPC, objectives, datastore replicas, review suppressions.
import { describe, expect, it } from 'vitest';
import { callStages, edges, endpointsOf, operationsOf } from './graph.js';
import { designJsonSchema } from './jsonSchema.js';
import { parseDesign } from './parse.js';
import type { Problem } from './problems.js';
import type { Design, DesignNode } from './schema.js';
import { serializeDesign } from './serialize.js';

const yaml = (lines: string[]) => lines.join('\n') + '\n';
const parse = (lines: string[]) => parseDesign(yaml(lines), 'shop.arch.yaml');
const ok = (lines: string[]): Design => {
  const r = parse(lines);
  expect(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
  return r.design!;
};
function one(lines: string[]): Problem {
  const p = parse(lines).problems;
  expect(p.map((x) => `${x.line}:${x.column} ${x.message}`)).toHaveLength(1);
  return p[0]!;
}
const svc = (d: Design, id: string) => {
  const n: DesignNode = d.nodes[id]!;
  if (n.kind !== 'service' && n.kind !== 'gateway' && n.kind !== 'saga') throw new Error(`${id} is a ${n.kind}`);
  return n;
};

const BOUTIQUE = [
  'name: boutique',
  'defaults: { call: { timeout: 1s, network: 2ms } }',
  'nodes:',
  '  shoppers:',
  '    kind: client',
  '    users: 200',
  '    slo: { p99: 300ms, errorRate: 0.1% }',
  '    requests:',
  '      - { to: frontend, op: "GET /product/:id", weight: 9, slo: { p50: 50ms } }',
  '      - { to: frontend, op: "POST /cart", weight: 1 }',
  '  frontend:',
  '    kind: service',
  '    port: 8080',
  '    servicePort: 80',
  '    command: [ /src/server ]',
  '    args: [ --port, 8080 ]',
  '    resources: { cpu: 100m, memory: 64Mi, limits: { cpu: 200m, memory: 128Mi } }',
  '    health: { startup: 60s }',
  '    operations:',
  '      "GET /product/:id":',
  '        weight: 3',
  '        latency: 5ms',
  '        calls:',
  '          - { to: catalog, op: GetProduct, protocol: grpc, stage: 0 }',
  '          - { to: ads, op: GetAds, protocol: grpc, optional: true, stage: 0, env: AD_SERVICE_ADDR, network: 1ms }',
  '          - { to: cart, op: GetCart, protocol: grpc, stage: 1 }',
  '      "POST /cart": { calls: [ { to: cart, op: AddItem, protocol: grpc, idempotent: true } ] }',
  '  catalog: { kind: service, port: 3550, operations: { GetProduct: { latency: 2ms } } }',
  '  ads: { kind: service, operations: { GetAds: {} } }',
  '  cart:',
  '    kind: service',
  '    protocol: grpc',
  '    latency: 3ms',
  '    errorRate: 1%',
  '    calls: [ { to: redis } ]',
  '    operations: { GetCart: { weight: 2 }, AddItem: { latency: 8ms, errorRate: 0 } }',
  '  redis: { kind: database, engine: redis, replicas: 3, image: "redis:7", env: { MAXMEMORY: 256mb }, resources: { memory: 256Mi } }',
  'review:',
  '  ignore:',
  '    - { rule: god-service, node: frontend, reason: "a web frontend composes pages on purpose" }',
];

describe('real-system fields: normalized values', () => {
  const d = ok(BOUTIQUE);

  it('fills protocol, servicePort, probe, network and think from the rules of the format', () => {
    const fe = svc(d, 'frontend');
    expect(fe).toMatchObject({ protocol: 'http', port: 8080, servicePort: 80, command: ['/src/server'], args: ['--port', '8080'] });
    expect(fe.health).toEqual({ liveness: '/health/liveness', readiness: '/health/readiness', probe: 'http', startup: 60_000 });
    expect(fe.resources).toEqual({ cpu: '100m', memory: '64Mi', limits: { cpu: '200m', memory: '128Mi' } });
    // Every call to catalog and ads says grpc: they serve grpc, and are probed over grpc.
    expect(svc(d, 'catalog')).toMatchObject({ protocol: 'grpc', servicePort: 3550, health: { probe: 'grpc' } });
    expect(svc(d, 'ads').protocol).toBe('grpc');
    expect(svc(d, 'cart').protocol).toBe('grpc');
    const calls = fe.operations!['GET /product/:id']!.calls!;
    expect(calls.map((c) => [c.to, c.network, c.timeout, c.optional, c.stage])).toEqual([
      ['catalog', 2, 1000, false, 0],
      ['ads', 1, 1000, true, 0],
      ['cart', 2, 1000, false, 1],
    ]);
    expect(calls[1]!.env).toBe('AD_SERVICE_ADDR');
    expect(fe.operations!['POST /cart']!.calls![0]!.idempotent).toBe(true);
    const shoppers = d.nodes.shoppers!;
    if (shoppers.kind !== 'client') throw new Error('kind');
    expect(shoppers.users).toBe(200);
    expect(shoppers.rate).toBeUndefined();
    expect(shoppers.think).toEqual({ dist: 'constant', value: 1000 });
    expect(shoppers.slo).toEqual({ p99: 300, errorRate: 0.001 });
    expect(shoppers.requests.map((r) => [r.op, r.slo])).toEqual([
      ['GET /product/:id', { p50: 50 }],
      ['POST /cart', undefined],
    ]);
    expect(d.nodes.redis).toMatchObject({ replicas: 3, image: 'redis:7', env: { MAXMEMORY: '256mb' }, resources: { memory: '256Mi' } });
    expect(d.review.ignore).toEqual([{ rule: 'god-service', node: 'frontend', reason: 'a web frontend composes pages on purpose' }]);
  });

  it('resolves operations: what an operation leaves out comes from the node', () => {
    const cart = operationsOf(svc(d, 'cart'));
    expect(cart.map((o) => [o.name, o.weight, o.latency, o.errorRate, o.calls.map((c) => c.to)])).toEqual([
      ['GetCart', 2, { dist: 'constant', value: 3 }, 0.01, ['redis']],
      ['AddItem', 1, { dist: 'constant', value: 8 }, 0, ['redis']],
    ]);
    const page = operationsOf(svc(d, 'frontend'))[0]!;
    expect(page.stages.map((s) => s.map((c) => c.to))).toEqual([['catalog', 'ads'], ['cart']]);
    expect(operationsOf(d.nodes.redis!)).toEqual([]);
    expect(endpointsOf(svc(d, 'frontend'))).toEqual(['GET /product/:id', 'POST /cart']);
  });

  it('lists operations’ calls as edges, with the operation, op, optional, stage and network', () => {
    const fromFe = edges(d).filter((e) => e.from === 'frontend');
    expect(fromFe.map((e) => [e.to, e.operation, e.op, e.optional, e.stage, e.network, e.index])).toEqual([
      ['catalog', 'GET /product/:id', 'GetProduct', false, 0, 2, 0],
      ['ads', 'GET /product/:id', 'GetAds', true, 0, 1, 1],
      ['cart', 'GET /product/:id', 'GetCart', false, 1, 2, 2],
      ['cart', 'POST /cart', 'AddItem', false, undefined, 2, 0],
    ]);
  });

  it('parses its own serialization back to the same design', () => {
    expect(ok(serializeDesign(d).trimEnd().split('\n'))).toEqual(d);
  });

  it('gives the JSON Schema the new fields for completion', () => {
    const s = JSON.stringify(designJsonSchema());
    for (const field of ['operations', 'servicePort', 'optional', 'idempotent', 'users', 'think', 'slo', 'ignore', 'probe', 'limits'])
      expect(s).toContain(`"${field}"`);
  });
});

describe('real-system fields: defaults without them', () => {
  it('keeps the meaning of files that do not use them', () => {
    const d = ok([
      'nodes:',
      '  web: { kind: client, requests: [ { to: api } ] }',
      '  api: { kind: service, port: 4000, calls: [ { to: db } ] }',
      '  db: { kind: database }',
    ]);
    expect(d.nodes.web).toMatchObject({ rate: 10, arrival: 'poisson' });
    const api = svc(d, 'api');
    expect(api).toMatchObject({ protocol: 'http', servicePort: 4000, health: { probe: 'http' } });
    expect(api.operations).toBeUndefined();
    expect(api.calls[0]).toMatchObject({ protocol: 'http', network: 0, optional: false, idempotent: false });
    expect(api.calls[0]!.stage).toBeUndefined();
    expect(d.nodes.db).toMatchObject({ replicas: 1 });
    expect(d.review).toEqual({ ignore: [] });
  });

  it('serves http when any call to a service does not say grpc; a call without a protocol speaks its callee’s', () => {
    const d = ok([
      'nodes:',
      '  a: { kind: service, calls: [ { to: b, protocol: grpc }, { to: c } ] }',
      '  d: { kind: service, calls: [ { to: b } ] }',
      '  b: { kind: service }',
      '  c: { kind: service, protocol: grpc, health: { probe: tcp } }',
    ]);
    expect(svc(d, 'b').protocol).toBe('http');
    expect(svc(d, 'c')).toMatchObject({ protocol: 'grpc', health: { probe: 'tcp' } });
    expect(svc(d, 'a').calls.map((c) => c.protocol)).toEqual(['grpc', 'grpc']);
    expect(svc(d, 'd').calls[0]!.protocol).toBe('http');
  });

  it('runs calls without stages one by one, or all at once with parallel', () => {
    const d = ok(['nodes:', '  a: { kind: service, calls: [ { to: b }, { to: c } ] }', '  b: { kind: service }', '  c: { kind: service }']);
    const calls = svc(d, 'a').calls;
    expect(callStages(calls, false).map((s) => s.map((c) => c.to))).toEqual([['b'], ['c']]);
    expect(callStages(calls, true).map((s) => s.map((c) => c.to))).toEqual([['b', 'c']]);
    const staged = calls.map((c, i) => ({ ...c, stage: [5, 2][i] }));
    expect(callStages(staged, false).map((s) => s.map((c) => c.to))).toEqual([['c'], ['b']]);
  });
});

describe('real-system fields: errors with file:line:column', () => {
  it('an op the callee lacks, with did-you-mean', () => {
    const p = one([
      'nodes:',
      '  fe: { kind: service, calls: [ { to: ads, op: GetAd } ] }',
      '  ads: { kind: service, operations: { GetAds: {}, ListAds: {} } }',
    ]);
    expect(p).toMatchObject({ line: 2, column: 48, code: 'reference' });
    expect(p.message).toBe(
      'nodes.fe.calls[0].op: "ads" has no operation "GetAd" (did you mean "GetAds"?); its operations are "GetAds", "ListAds"',
    );
  });

  it('an op to a node without operations', () => {
    const p = one(['nodes:', '  fe: { kind: service, calls: [ { to: db, op: query } ] }', '  db: { kind: database }']);
    expect(p.message).toContain('nodes.fe.calls[0].op: op "query" names an operation, and "db" has no operations');
  });

  it('an op on a client entry, a gateway route, a saga step, an operation’s call; compensate naming an operation', () => {
    const r = parse([
      'nodes:',
      '  web: { kind: client, requests: [ { to: gw, op: nope } ] }',
      '  gw: { kind: gateway, routes: [ { path: /o, to: orders, op: "GET /order" } ], operations: { "GET /x": {} } }',
      '  orders: { kind: service, operations: { "GET /orders": {}, "POST /refunds": {} } }',
      '  pay:',
      '    kind: saga',
      '    steps: [ { name: a, to: orders, op: "GET /orders", compensate: "POST /refund" } ]',
      '    operations: { run: { calls: [ { to: orders, op: "DELETE /orders" } ] } }',
    ]);
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.message.split(':')[0]}`)).toEqual([
      '2:50 nodes.web.requests[0].op',
      '3:62 nodes.gw.routes[0].op',
      '7:68 nodes.pay.steps[0].compensate',
      '8:53 nodes.pay.operations.run.calls[0].op',
    ]);
    expect(r.problems[2]!.message).toContain('(did you mean "POST /refunds"?)');
  });

  it('a compensate is a free label when the step’s node has no operations', () => {
    ok(['nodes:', '  s: { kind: saga, steps: [ { name: a, to: b, compensate: release } ] }', '  b: { kind: service }']);
  });

  it('stage on some calls of a node but not all', () => {
    const p = one([
      'nodes:',
      '  a:',
      '    kind: service',
      '    calls:',
      '      - { to: b, stage: 1 }',
      '      - { to: c }',
      '  b: { kind: service }',
      '  c: { kind: service }',
    ]);
    expect(p).toMatchObject({ line: 6, column: 9, code: 'required' });
    expect(p.message).toBe(
      'nodes.a.calls[1]: missing "stage": when any call of "a" has a stage, every call there must have one (call 0 has stage 1)',
    );
  });

  it('stage on some calls of an operation but not all', () => {
    const p = one([
      'nodes:',
      '  a: { kind: service, operations: { "GET /": { calls: [ { to: b }, { to: b, stage: 0 } ] } } }',
      '  b: { kind: service }',
    ]);
    expect(p.message).toContain('nodes.a.operations["GET /"].calls[0]: missing "stage": when any call of operation "GET /" has a stage');
  });

  it('stage together with parallel', () => {
    const p = one(['nodes:', '  a: { kind: service, parallel: true, calls: [ { to: b, stage: 0 } ] }', '  b: { kind: service }']);
    expect(p).toMatchObject({ line: 2, column: 23 });
    expect(p.message).toContain('nodes.a.parallel: "a" has calls with a stage, so parallel may not be set there');
  });

  it('rate together with users', () => {
    const p = one(['nodes:', '  web: { kind: client, rate: 5, users: 20, requests: [ { to: api } ] }', '  api: { kind: service }']);
    expect(p).toMatchObject({ line: 2, column: 33 });
    expect(p.message).toBe('nodes.web: a client has either "rate" (requests per second, open loop) or "users" (a closed loop), not both');
  });

  it('operations whose weights add up to 0', () => {
    const p = one(['nodes:', '  a: { kind: service, operations: { x: { weight: 0 }, y: { weight: 0 } } }']);
    expect(p.message).toContain("nodes.a.operations: the operations' weights add up to 0");
  });

  it('a review.ignore entry naming no node of the design; one without a reason', () => {
    const r = parse([
      'nodes: { api: { kind: service } }',
      'review:',
      '  ignore:',
      '    - { rule: god-service, node: apj, reason: on purpose }',
      '    - { rule: god-service, node: api }',
    ]);
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '4:34 review.ignore[0].node: ignored node "apj" is not a node of this design (did you mean "api"?)',
      '5:7 review.ignore[1]: missing required field "reason" (a string)',
    ]);
  });

  it('bad values of the new fields', () => {
    const r = parse([
      'nodes:',
      '  web: { kind: client, users: 0, think: fast, requests: [ { to: a, slo: { p99: soon } } ] }',
      '  a: { kind: service, protocol: soap, servicePort: 70000, health: { probe: exec }, calls: [ { to: b, env: "1X", network: -1 } ] }',
      '  b: { kind: service }',
    ]);
    expect(r.problems.map((p) => p.message.split(':')[0])).toEqual([
      'nodes.web.users',
      'nodes.web.think',
      'nodes.web.requests[0].slo.p99',
      'nodes.a.protocol',
      'nodes.a.servicePort',
      'nodes.a.health.probe',
      'nodes.a.calls[0].env',
      'nodes.a.calls[0].network',
    ]);
  });

  it('a scenario fault may name a call an operation makes', () => {
    ok([
      'nodes:',
      '  a: { kind: service, operations: { x: { calls: [ { to: b } ] } } }',
      '  b: { kind: service }',
      'scenarios: { slow: { faults: [ { call: a -> b, delay: 10ms } ] } }',
    ]);
  });
});
