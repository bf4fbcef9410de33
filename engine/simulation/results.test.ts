// "Results, continued" (simulation.md): per-node series, scale events, cache counts, a topic's
// per-consumer backlog, breaker slow counts and per-entry client results, each checked against
// a design whose values are known.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { designOf } from './testing.js';

const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;

describe('results, continued', () => {
  it('an HPA step: 2 -> 4 at the first tick after traffic quadruples; the replicas series follows', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 100, requests: [{ to: 's' }] },
          s: {
            kind: 'service',
            replicas: 2,
            concurrency: 4,
            queue: 100000,
            latency: 20,
            autoscale: { min: 2, max: 10, cpu: 0.5, startup: 0 },
          },
        },
        scenarios: { step: { duration: 50_000, faults: [{ node: 'c', at: 30_000, traffic: 4 }] } },
      }),
      { scenario: 'step' },
    );
    // Load 2 workers of 8 (utilization 0.25: desired 1, held at min 2), then 8 of 8 (utilization
    // ~1: desired ceil(2 x 1 / 0.5) = 4) at the 45 s tick.
    const s = r.nodes.s!;
    expect(s.scale![0]).toEqual({ at: 45_000, from: 2, to: 4 });
    // Interval 44 is [44 s, 45 s): at its end the new replicas (startup 0) serve.
    expect(s.series!.replicas.slice(40, 44)).toEqual([2, 2, 2, 2]);
    expect(s.series!.replicas[44]).toBe(4);
    expect(s.series!.replicas).toHaveLength(50);
    expect(mean(s.series!.utilization.slice(0, 30))).toBeCloseTo(0.25, 1);
    expect(mean(s.series!.utilization.slice(32, 45))).toBeGreaterThan(0.9);
    expect(r.nodes.c!.scale).toBeUndefined();
  });

  it('an overloaded queue: the backlog series grows by the difference of the rates', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 100, arrival: 'uniform', requests: [{ to: 'q' }] },
          q: { kind: 'queue', consumers: ['w'] },
          w: { kind: 'service', concurrency: 1, latency: 20 },
        },
      }),
      { duration: 20_000 },
    );
    const q = r.nodes.q!;
    // 100/s in, 50/s out: 50 more waiting every second.
    q.series!.backlog.forEach((b, i) => expect(Math.abs(b - 50 * (i + 1)), `second ${i}`).toBeLessThanOrEqual(2));
    expect(q.backlog.max).toBeGreaterThanOrEqual(q.series!.backlog[19]!);
    const w = r.nodes.w!;
    for (const u of w.series!.utilization.slice(1)) expect(u).toBe(1);
    for (const f of w.series!.inFlight.slice(1)) expect(f).toBe(1);
  });

  it("a topic's backlog per consumer, and its series takes the largest", () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 100, arrival: 'uniform', requests: [{ to: 't' }] },
          t: { kind: 'topic', consumers: ['fast', 'slow'] },
          fast: { kind: 'service', concurrency: 10, latency: 1 },
          slow: { kind: 'service', concurrency: 1, latency: 40 },
        },
      }),
      { duration: 10_000 },
    );
    const t = r.nodes.t!;
    expect(t.backlog.consumers!.fast!.max).toBeLessThanOrEqual(1);
    // 100/s in, 25/s out at `slow`: 75 more every second.
    expect(Math.abs(t.backlog.consumers!.slow!.final - 750)).toBeLessThanOrEqual(3);
    expect(Math.abs(t.series!.backlog[9]! - 750)).toBeLessThanOrEqual(3);
  });

  it('a cache with hitRatio h: hits / (hits + misses) = h, misses = calls to the store', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 500, requests: [{ to: 'cache' }] },
          cache: { kind: 'cache', hitRatio: 0.8, latency: 1, miss: 'db' },
          db: { kind: 'database', latency: 5, connections: 50 },
        },
      }),
      { duration: 40_000 },
    );
    const c = r.nodes.cache!.cache!;
    // Counted when the cache's own work ends (a few are still at work at the end).
    expect(r.nodes.cache!.arrivals - (c.hits + c.misses)).toBeLessThanOrEqual(5);
    expect(c.hits / (c.hits + c.misses)).toBeCloseTo(0.8, 2);
    expect(c.misses).toBe(r.calls['cache->db']!.attempts);
    expect(r.nodes.db!.cache).toBeUndefined();
  });

  it('breaker slow counts: calls strictly longer than slowCall', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 200, requests: [{ to: 's' }] },
          s: {
            kind: 'service',
            concurrency: 1000,
            latency: 0,
            calls: [{ to: 'd', breaker: { slowCall: 30, slowRate: 1, window: 1000, minCalls: 1000 } }],
          },
          d: { kind: 'service', concurrency: 1000, latency: { dist: 'uniform', min: 0, max: 100 } },
        },
      }),
      { duration: 20_000 },
    );
    const call = r.calls['s->d']!;
    // P(work > 30 ms) = 0.7 for U(0, 100).
    expect(call.breaker.slow / call.ok).toBeCloseTo(0.7, 1);
    expect(r.calls['c->s']!.breaker.slow).toBe(0);
  });

  it('clients: each requests entry counted like requests', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          web: {
            kind: 'client',
            rate: 400,
            requests: [
              { to: 'gw', route: '/a', weight: 3 },
              { to: 'gw', route: '/b', weight: 1 },
            ],
          },
          gw: {
            kind: 'gateway',
            latency: 0,
            routes: [
              { path: '/a', to: 'a' },
              { path: '/b', to: 'b' },
            ],
          },
          a: { kind: 'service', latency: 5 },
          b: { kind: 'service', latency: 50, errorRate: 0.2, concurrency: 100 },
        },
      }),
      { duration: 20_000 },
    );
    const [ea, eb] = r.clients.web!.requests;
    expect(ea).toMatchObject({ to: 'gw', route: '/a', op: null, failed: 0 });
    expect(ea!.total + eb!.total).toBe(r.requests.total);
    expect(ea!.ok + eb!.ok).toBe(r.requests.ok);
    expect(ea!.total / r.requests.total).toBeCloseTo(0.75, 1);
    expect(eb!.failed / eb!.total).toBeCloseTo(0.2, 1);
    expect(ea!.latency.p50).toBeCloseTo(5, 0);
    expect(eb!.latency.p50).toBeCloseTo(50, 0);
  });

  it('series utilization averages to the node utilization (M/M/1 at rho 0.5); no series without arrivals', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 50, requests: [{ to: 's' }] },
          s: { kind: 'service', concurrency: 1, queue: 100000, latency: { dist: 'exponential', mean: 10 } },
          idle: { kind: 'service' },
        },
      }),
      { duration: 60_000 },
    );
    const s = r.nodes.s!;
    expect(Math.abs(mean(s.series!.utilization) - s.utilization)).toBeLessThan(0.002);
    expect(s.utilization).toBeCloseTo(0.5, 1);
    // Little: L = rho / (1 - rho) = 1 for M/M/1 at 0.5.
    expect(mean(s.series!.inFlight)).toBeGreaterThan(0.8);
    expect(mean(s.series!.inFlight)).toBeLessThan(1.25);
    expect(r.nodes.idle!.series).toBeUndefined();
  });
});
