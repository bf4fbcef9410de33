// The rules of review.md "More rules": each fires on a design built to show it, with the numbers
// it found in the message, and stays silent on the corrected design.
import { describe, expect, it } from 'vitest';
import { review } from '../review.js';
import { design } from '../testing.js';
import type { Finding } from '../types.js';

const of = (yaml: string, rule: string): Finding[] => review(design(yaml)).filter((f) => f.rule === rule);

describe('timeout-budget-inversion', () => {
  const yaml = (outer: string) => `
nodes:
  web: { kind: client, requests: [ { to: front, timeout: ${outer} } ] }
  front:
    kind: service
    calls:
      - { to: a, timeout: 300ms, retry: { attempts: 3, backoff: 100ms, multiplier: 2, jitter: full } }
      - { to: b, timeout: 200ms, stage: 0 }
      - { to: c, timeout: 400ms, stage: 0 }
  a: { kind: service }
  b: { kind: service }
  c: { kind: service }
`;
  it("fires when the caller's timeout is under the callee's budget, with the budget's parts", () => {
    const d = yaml('1s').replace(
      'retry: { attempts: 3, backoff: 100ms, multiplier: 2, jitter: full } }',
      'retry: { attempts: 3, backoff: 100ms, multiplier: 2, jitter: full }, stage: 1 }',
    );
    const fs = of(d, 'timeout-budget-inversion');
    // Stage 0: the longest of 200 and 400 ms; stage 1: 3 x 300 ms + 100 + 200 ms of backoff = 1200 ms.
    expect(fs.map((f) => f.nodes)).toEqual([['web', 'front']]);
    expect(fs[0]!.message).toContain('gives "front" 1000 ms');
    expect(fs[0]!.message).toContain('may keep trying for 1600 ms');
    expect(fs[0]!.message).toContain('longest of 2 at once');
  });
  it('stays silent when the timeout covers the budget', () => {
    const d = yaml('2s').replace(
      'retry: { attempts: 3, backoff: 100ms, multiplier: 2, jitter: full } }',
      'retry: { attempts: 3, backoff: 100ms, multiplier: 2, jitter: full }, stage: 1 }',
    );
    expect(of(d, 'timeout-budget-inversion')).toEqual([]);
  });
  it('names the first few parts of a long budget and counts the rest', () => {
    const calls = Array.from({ length: 9 }, (_, i) => `{ to: d${i}, timeout: 100ms }`).join(', ');
    const fs = of(
      `
nodes:
  web: { kind: client, requests: [ { to: agg, timeout: 500ms } ] }
  agg: { kind: service, calls: [ ${calls} ] }
${Array.from({ length: 9 }, (_, i) => `  d${i}: { kind: service }`).join('\n')}
`,
      'timeout-budget-inversion',
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toContain(
      'may keep trying for 900 ms: 1 x 100 ms to "d0" = 100 ms then 1 x 100 ms to "d1" = 100 ms then 1 x 100 ms to "d2" = 100 ms then 1 x 100 ms to "d3" = 100 ms then 5 more calls.',
    );
  });
});

describe('timeout-budget-inversion through gateway routes and saga steps', () => {
  // The gateway gives /orders 1 s, the saga's step 1 s; orders may try pay for 3 x 800 ms + 300 ms.
  const yaml = (timeout: string) => `
nodes:
  web: { kind: client, rate: 10, requests: [ { to: gw, route: /orders, timeout: 9s }, { to: gw, route: /checkout, timeout: 9s } ] }
  gw:
    kind: gateway
    routes: [ { path: /orders, to: orders }, { path: /checkout, to: checkout } ]
    calls: [ { to: orders, timeout: ${timeout} }, { to: checkout, timeout: 8s } ]
  checkout:
    kind: saga
    steps: [ { name: reserve, to: stock }, { name: order, to: orders } ]
    calls: [ { to: stock, timeout: 500ms }, { to: orders, timeout: ${timeout} } ]
  orders:
    kind: service
    calls: [ { to: pay, timeout: 800ms, retry: { attempts: 3, backoff: 100ms, multiplier: 2, jitter: full } } ]
  stock: { kind: service }
  pay: { kind: service }
`;
  it("fires for a route and a step whose timeout is under the callee's budget, naming them", () => {
    const fs = of(yaml('1s'), 'timeout-budget-inversion');
    expect(fs.map((f) => f.nodes)).toEqual([
      ['checkout', 'orders'],
      ['gw', 'orders'],
    ]);
    const route = fs.find((f) => f.nodes[0] === 'gw')!;
    expect(route.message).toContain('"gw" (route /orders) gives "orders" 1000 ms, but "orders" may keep trying for 2700 ms');
    expect(route.fix).toContain("route /orders's policy");
    expect(fs.find((f) => f.nodes[0] === 'checkout')!.message).toContain('"checkout" step "order" gives "orders" 1000 ms');
  });
  it("counts a saga's steps one after another and a gateway's forward for the client's route", () => {
    // The gateway gives checkout 8 s, the saga may take 500 ms + 1 s (its steps); the client gives
    // the gateway 9 s for /checkout: 8 s. Shorten the client's: it fires on the gateway's forward.
    const d = yaml('3s').replace('route: /checkout, timeout: 9s', 'route: /checkout, timeout: 5s');
    const fs = of(d, 'timeout-budget-inversion');
    expect(fs.map((f) => f.nodes)).toEqual([['web', 'gw']]);
    expect(fs[0]!.message).toContain('client "web" gives "gw" 5000 ms, but "gw" may keep trying for 8000 ms: route /checkout: 1 x 8000 ms');
    const saga = of(yaml('3s').replace('{ to: checkout, timeout: 8s }', '{ to: checkout, timeout: 3s }'), 'timeout-budget-inversion');
    expect(saga.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'but "checkout" may keep trying for 3500 ms: step "reserve": 1 x 500 ms to "stock" = 500 ms then step "order": 1 x 3000 ms to "orders" = 3000 ms',
      ),
    ]);
  });
  it('is silent when every timeout covers the budget behind it', () => {
    expect(of(yaml('3s'), 'timeout-budget-inversion')).toEqual([]);
  });
});

describe('nested-retries and retry-without-backoff-jitter', () => {
  const yaml = (inner: string) => `
nodes:
  web: { kind: client, requests: [ { to: a, retry: { attempts: 2, backoff: 100ms, jitter: full } } ] }
  a: { kind: service, calls: [ { to: b, timeout: 1s, retry: ${inner} } ] }
  b: { kind: service }
`;
  it('nested-retries: two retrying hops multiplying to 10 or less', () => {
    const fs = of(yaml('{ attempts: 3, backoff: 100ms, jitter: full }'), 'nested-retries');
    expect(fs.map((f) => f.nodes)).toEqual([['web', 'a', 'b']]);
    expect(fs[0]!.message).toContain('2 hops of one request from "web" retry');
    expect(fs[0]!.message).toContain('up to 6 tries');
    expect(of(yaml('{ attempts: 1 }'), 'nested-retries')).toEqual([]);
    // Past 10 it is retry-amplification's.
    expect(of(yaml('{ attempts: 6, backoff: 100ms, jitter: full }'), 'nested-retries')).toEqual([]);
    expect(of(yaml('{ attempts: 6, backoff: 100ms, jitter: full }'), 'retry-amplification')).toHaveLength(1);
  });
  it('retry-without-backoff-jitter: a backoff under 10 ms or jitter none', () => {
    const fs = of(yaml('{ attempts: 3, backoff: 5ms, jitter: full }'), 'retry-without-backoff-jitter');
    expect(fs.map((f) => f.nodes)).toEqual([['a', 'b']]);
    expect(fs[0]!.message).toContain('a backoff of 5 ms');
    expect(of(yaml('{ attempts: 3, backoff: 100ms }'), 'retry-without-backoff-jitter')[0]!.message).toContain('no jitter');
    expect(of(yaml('{ attempts: 3, backoff: 100ms, jitter: full }'), 'retry-without-backoff-jitter')).toEqual([]);
  });
});

describe('retry-non-idempotent', () => {
  const yaml = (call: string) => `
nodes:
  web: { kind: client, requests: [ { to: orders } ] }
  orders: { kind: service, calls: [ ${call} ] }
  payments:
    kind: service
    operations:
      "POST /charges": { latency: 20ms }
      "GET /charges/:id": { latency: 2ms }
  ledger: { kind: service, api: [ "POST /entries", "PATCH /entries/:id" ] }
`;
  const retry = 'timeout: 1s, retry: { attempts: 3, backoff: 100ms, jitter: full }';
  it('fires for a retried POST operation and for a callee whose endpoints are all POST/PATCH', () => {
    const fs = of(yaml(`{ to: payments, op: "POST /charges", ${retry} }, { to: ledger, ${retry} }`), 'retry-non-idempotent');
    expect(fs.map((f) => f.nodes)).toEqual([
      ['orders', 'ledger'],
      ['orders', 'payments'],
    ]);
    expect(fs.find((f) => f.nodes[1] === 'payments')!.message).toContain('"POST /charges" up to 3 times');
  });
  it('stays silent with idempotent: true, for a GET, or without retries', () => {
    expect(of(yaml(`{ to: payments, op: "POST /charges", idempotent: true, ${retry} }`), 'retry-non-idempotent')).toEqual([]);
    expect(of(yaml(`{ to: payments, op: "GET /charges/:id", ${retry} }`), 'retry-non-idempotent')).toEqual([]);
    expect(of(yaml(`{ to: payments, op: "POST /charges", timeout: 1s }`), 'retry-non-idempotent')).toEqual([]);
    // payments has a GET too: a call without op is not known to be unsafe.
    expect(of(yaml(`{ to: payments, ${retry} }`), 'retry-non-idempotent')).toEqual([]);
  });
});

describe('no-api-gateway and edge-no-rate-limit', () => {
  const direct = `
nodes:
  web: { kind: client, rate: 40, requests: [ { to: a }, { to: b } ] }
  a: { kind: service }
  b: { kind: service }
`;
  const gated = (limit: string) => `
nodes:
  web: { kind: client, rate: 40, requests: [ { to: gw, route: /a }, { to: gw, route: /b } ] }
  gw: { kind: gateway, ${limit} routes: [ { path: /a, to: a }, { path: /b, to: b } ] }
  a: { kind: service }
  b: { kind: service }
`;
  it('no-api-gateway: clients calling 2+ services with no gateway', () => {
    const fs = of(direct, 'no-api-gateway');
    expect(fs.map((f) => f.nodes)).toEqual([['web', 'a', 'b']]);
    expect(fs[0]!.message).toContain('calls 2 services directly');
    expect(of(direct.replace(', { to: b }', ''), 'no-api-gateway')).toEqual([]);
    expect(of(gated('rateLimit: 100,'), 'no-api-gateway')).toEqual([]);
  });
  it('edge-no-rate-limit: an entry gateway without rateLimit, with its nominal rate', () => {
    const fs = of(gated(''), 'edge-no-rate-limit');
    expect(fs.map((f) => f.nodes)).toEqual([['gw']]);
    expect(fs[0]!.message).toContain('40 req/s');
    expect(fs[0]!.fix).toContain('rateLimit: 80');
    expect(of(gated('rateLimit: 100,'), 'edge-no-rate-limit')).toEqual([]);
  });
});

describe('chatty-calls', () => {
  const yaml = (p: string) => `
nodes:
  web: { kind: client, requests: [ { to: front } ] }
  front:
    kind: service
    operations:
      "GET /home": { calls: [ { to: catalog }, { to: catalog }, { to: catalog, probability: ${p} }, { to: catalog, async: true } ] }
      "GET /cart": { calls: [ { to: catalog } ] }
  catalog: { kind: service }
`;
  it('sums probability over the sync calls of one operation to one callee', () => {
    const fs = of(yaml('100%'), 'chatty-calls');
    expect(fs.map((f) => f.nodes)).toEqual([['front', 'catalog']]);
    expect(fs[0]!.message).toContain('"front" (operation "GET /home") calls "catalog" 3 times per request');
    expect(of(yaml('80%'), 'chatty-calls')).toEqual([]);
  });
});

describe('sync-fan-out', () => {
  const yaml = (fifth: string) => `
nodes:
  web: { kind: client, requests: [ { to: orders } ] }
  orders:
    kind: service
    calls: [ { to: s1 }, { to: s2 }, { to: s3 }, { to: s4 }, { to: s5, ${fifth} }, { to: db } ]
  s1: { kind: service, errorRate: 1% }
  s2: { kind: service }
  s3: { kind: service }
  s4: { kind: service }
  s5: { kind: service }
  db: { kind: database }
`;
  it('fires at 5 needed services with the availability bound', () => {
    const fs = of(yaml('probability: 50%'), 'sync-fan-out');
    expect(fs.map((f) => f.nodes)).toEqual([['orders', 's1', 's2', 's3', 's4', 's5']]);
    expect(fs[0]!.message).toContain('0.999^5 = 99.50%');
    expect(fs[0]!.message).toContain('(99.00% from the design');
  });
  it('leaves out optional calls and calls made on fewer than half the requests', () => {
    expect(of(yaml('optional: true'), 'sync-fan-out')).toEqual([]);
    expect(of(yaml('probability: 40%'), 'sync-fan-out')).toEqual([]);
  });
});

describe('breaker-cannot-trip', () => {
  const yaml = (minCalls: number) => `
nodes:
  web: { kind: client, rate: 2, requests: [ { to: a } ] }
  a:
    kind: service
    replicas: 4
    calls: [ { to: b, timeout: 1s, breaker: { minCalls: ${minCalls}, window: 100 } } ]
  b: { kind: service }
`;
  it('fires when one replica needs more than 30 s of calls before the breaker may open', () => {
    // 2 req/s over 4 replicas: 0.5 calls/s each; 100 calls take 200 s.
    const fs = of(yaml(100), 'breaker-cannot-trip');
    expect(fs.map((f) => f.nodes)).toEqual([['a', 'b']]);
    expect(fs[0]!.message).toContain('decides after 100 calls');
    expect(fs[0]!.message).toContain('0.5 calls/s');
    expect(fs[0]!.message).toContain('200 s');
    expect(of(yaml(10), 'breaker-cannot-trip')).toEqual([]);
  });
});

describe('nano-service', () => {
  const yaml = (latency: string, extra = '') => `
nodes:
  web: { kind: client, requests: [ { to: a } ] }
  a: { kind: service, calls: [ { to: tiny } ] }
  tiny: { kind: service, latency: ${latency} }
${extra}`;
  it('fires for a tiny leaf service with one service caller', () => {
    const fs = of(yaml('2ms'), 'nano-service');
    expect(fs.map((f) => f.nodes)).toEqual([['tiny']]);
    expect(fs[0]!.message).toContain('2 ms of work');
  });
  it('stays silent with more work, a second caller or a consumer role', () => {
    expect(of(yaml('20ms'), 'nano-service')).toEqual([]);
    expect(of(yaml('2ms', '  b: { kind: service, calls: [ { to: tiny } ] }'), 'nano-service')).toEqual([]);
    expect(of(yaml('2ms', '  t: { kind: topic, consumers: [ tiny ] }'), 'nano-service')).toEqual([]);
  });
});
