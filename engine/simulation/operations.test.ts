// Operations, stages and closed-loop users (simulation.md "Real-system fields"), against theory.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { designOf } from './testing.js';

describe('operations, stages and closed-loop clients', () => {
  it('operation weights split arrivals as given; an op named by the caller runs that operation', () => {
    const d = designOf({
      name: 't',
      nodes: {
        c: {
          kind: 'client',
          rate: 400,
          requests: [
            { to: 'api', weight: 1 },
            { to: 'api', op: 'POST /orders', weight: 1 },
          ],
        },
        api: {
          kind: 'service',
          concurrency: 200,
          operations: {
            'GET /orders': { weight: 3, latency: '5ms', calls: [{ to: 'db' }] },
            'POST /orders': { weight: 1, latency: '20ms', calls: [{ to: 'pay' }, { to: 'db' }] },
          },
        },
        pay: { kind: 'service', latency: '10ms', concurrency: 200 },
        db: { kind: 'database', engine: 'postgres', latency: '1ms', connections: 200 },
      },
    });
    const r = simulate(d, { duration: 60_000 });
    const ops = r.nodes['api']!.operations!;
    const get = ops['GET /orders']!;
    const post = ops['POST /orders']!;
    // Half the requests name POST; the other half split 3:1, so POST gets 1/2 + 1/8 = 62.5 %.
    const total = get.arrivals + post.arrivals;
    expect(total).toBe(r.nodes['api']!.arrivals);
    expect(post.arrivals / total).toBeGreaterThan(0.6);
    expect(post.arrivals / total).toBeLessThan(0.65);
    // Each operation runs its own work and its own calls: only POST calls pay (requests still
    // in their own work at the end have not called yet).
    expect(r.nodes['pay']!.arrivals).toBeLessThanOrEqual(post.arrivals);
    expect(r.nodes['pay']!.arrivals).toBeGreaterThan(post.arrivals - 20);
    expect(r.nodes['db']!.arrivals).toBeLessThanOrEqual(total);
    expect(r.nodes['db']!.arrivals).toBeGreaterThan(total - 30);
    expect(get.latency.p50).toBeCloseTo(6, 0);
    expect(post.latency.p50).toBeCloseTo(31, 0);
    // Per entry: the entry that names POST sees POST's latency.
    expect(r.clients['c']!.requests[1]!.latency.p50).toBeCloseTo(31, 0);
  });

  it('stages run their calls at once: a request takes the longest call of each stage, stage after stage', () => {
    const d = designOf({
      name: 't',
      nodes: {
        c: { kind: 'client', rate: 20, requests: [{ to: 'orders' }] },
        orders: {
          kind: 'service',
          latency: '1ms',
          calls: [
            { to: 'a', stage: 1 },
            { to: 'b', stage: 1 },
            { to: 'c2', stage: 2 },
          ],
        },
        a: { kind: 'service', latency: '10ms' },
        b: { kind: 'service', latency: '30ms' },
        c2: { kind: 'service', latency: '5ms' },
      },
    });
    const r = simulate(d, { duration: 30_000 });
    expect(r.requests.failed).toBe(0);
    // 1 + max(10, 30) + 5: no queueing at 20/s with constant work.
    expect(r.latency.p50).toBeCloseTo(36, 0);
    expect(r.latency.max).toBeLessThan(37);
  });

  it('a closed loop of N users with think Z obeys X = N / (R + Z) and the machine-repairman (M/M/1//N) response time', () => {
    const N = 10;
    const Z = 1000; // ms, exponential
    const S = 60; // ms, exponential, one worker
    const d = designOf({
      name: 't',
      nodes: {
        users: { kind: 'client', users: N, think: { dist: 'exponential', mean: '1s' }, requests: [{ to: 'svc' }] },
        svc: { kind: 'service', latency: { dist: 'exponential', mean: `${S}ms` }, concurrency: 1, queue: 100 },
      },
    });
    const r = simulate(d, { duration: 1_200_000, warmup: 20_000 } as never);
    // Exact M/M/1//N: p0 = 1 / sum_k N!/(N-k)! (S/Z)^k; X = (1 - p0) / S; R = N / X - Z.
    let sum = 0;
    let term = 1;
    for (let k = 0; k <= N; k++) {
      sum += term;
      term *= ((N - k) * S) / Z;
    }
    const X = (1 - 1 / sum) / S; // per ms
    const R = N / X - Z;
    const measuredX = r.throughput / 1000;
    expect(measuredX / X).toBeGreaterThan(0.97);
    expect(measuredX / X).toBeLessThan(1.03);
    expect(r.latency.mean / R).toBeGreaterThan(0.93);
    expect(r.latency.mean / R).toBeLessThan(1.07);
    // The interactive response time law holds for what was measured.
    expect(measuredX * (r.latency.mean + Z)).toBeGreaterThan(N * 0.97);
    expect(measuredX * (r.latency.mean + Z)).toBeLessThan(N * 1.03);
  });

  it("a scenario's traffic multiplier scales users, rounded", () => {
    const d = designOf({
      name: 't',
      nodes: {
        users: { kind: 'client', users: 4, think: '100ms', requests: [{ to: 'svc' }] },
        svc: { kind: 'service', latency: '100ms', concurrency: 100 },
      },
      scenarios: { double: { duration: '20s', traffic: { users: 2.4 } } },
    });
    // Constant think 100 ms + constant answer 100 ms: each user sends 5 requests per second.
    const base = simulate(d, { duration: 20_000 });
    const more = simulate(d, { scenario: 'double' });
    expect(base.throughput).toBeCloseTo(20, 0);
    expect(more.throughput).toBeCloseTo(50, 0); // round(4 x 2.4) = 10 users
  });
});

describe('datastore replicas', () => {
  it("share the database's requests round robin, `connections` slots each", () => {
    const d = (replicas: number) =>
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 150, requests: [{ to: 'api' }] },
          api: { kind: 'service', latency: '1ms', concurrency: 500, queue: 5000, calls: [{ to: 'db' }] },
          db: { kind: 'database', engine: 'postgres', connections: 1, replicas, latency: { dist: 'exponential', mean: '5ms' } },
        },
      });
    // One connection at 150/s x 5 ms: utilization 0.75; two replicas halve it.
    const one = simulate(d(1), { duration: 60_000 });
    const two = simulate(d(2), { duration: 60_000 });
    expect(one.nodes['db']!.utilization).toBeCloseTo(0.75, 1);
    expect(two.nodes['db']!.utilization).toBeCloseTo(0.375, 1);
    expect(two.nodes['db']!.replicas.final).toBe(2);
    expect(two.latency.mean).toBeLessThan(one.latency.mean);
  });
});

describe("an operation's own call list", () => {
  it("an operation that writes calls: [] makes no calls; one that leaves calls out runs the node's", () => {
    const d = designOf({
      name: 't',
      nodes: {
        c: { kind: 'client', rate: 200, requests: [{ to: 'api' }] },
        api: {
          kind: 'service',
          concurrency: 100,
          calls: [{ to: 'db' }],
          operations: {
            'GET /health': { weight: 1, latency: '1ms', calls: [] },
            'GET /orders': { weight: 1, latency: '1ms' },
          },
        },
        db: { kind: 'database', engine: 'postgres', latency: '1ms', connections: 100 },
      },
    });
    const r = simulate(d, { duration: 30_000 });
    const ops = r.nodes['api']!.operations!;
    // Only GET /orders reaches the database, so the database sees about half of api's arrivals.
    expect(r.nodes['db']!.arrivals).toBe(ops['GET /orders']!.arrivals);
    expect(ops['GET /health']!.arrivals).toBeGreaterThan(0);
  });
});
