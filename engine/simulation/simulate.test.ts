// Whole-run properties: determinism (byte-identical JSON but wallMs), the JSON contract's
// shape, and fast-check invariants on random designs: every request ends exactly once and the
// counters add up.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDesign } from '../model/index.js';
import { simulate, SimulationCancelled } from './simulate.js';
import { CAUSES, type SimulationResult } from './result.js';
import { designOf } from './testing.js';

const shop = parseDesign(readFileSync(new URL('../../templates/e-commerce.arch.yaml', import.meta.url), 'utf8'), 'shop').design!;
const strip = (r: SimulationResult) => JSON.stringify({ ...r, stats: { ...r.stats, wallMs: 0 } });

describe('simulate', () => {
  it('same seed, same design: byte-identical JSON (except wallMs); another seed differs', () => {
    let t = 0;
    const a = simulate(shop, { scenario: 'payment-outage', duration: 40_000, clock: () => (t += 1) });
    const b = simulate(shop, { scenario: 'payment-outage', duration: 40_000 });
    expect(strip(a)).toBe(strip(b));
    const c = simulate(shop, { scenario: 'payment-outage', duration: 40_000, seed: 2 });
    expect(strip(c)).not.toBe(strip(a));
    expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
  });

  it('has every field of the results contract, for every node and edge', () => {
    const r = simulate(shop, { scenario: 'lost-zone', duration: 20_000 });
    expect(Object.keys(r)).toEqual([
      'design',
      'scenario',
      'seed',
      'duration',
      'warmup',
      'requests',
      'latency',
      'throughput',
      'nodes',
      'calls',
      'sagas',
      'clients',
      'slos',
      'series',
      'traces',
      'stats',
    ]);
    expect(Object.keys(r.requests.byCause)).toEqual([...CAUSES]);
    expect(Object.keys(r.nodes)).toEqual(Object.keys(shop.nodes));
    for (const [id, n] of Object.entries(r.nodes)) {
      const def = shop.nodes[id]!;
      const extra = [
        ...(def.kind === 'cache' ? ['cache'] : []),
        ...('operations' in def && def.operations ? ['operations'] : []),
        ...('autoscale' in def && def.autoscale ? ['scale'] : []),
        ...(n.arrivals > 0 && def.kind !== 'client' ? ['series'] : []),
      ];
      expect(Object.keys(n), id).toEqual([
        'arrivals',
        'completed',
        'failed',
        'utilization',
        'meanQueue',
        'maxQueue',
        'latency',
        'replicas',
        'backlog',
        'dlq',
        ...extra,
      ]);
      if (n.series) for (const a of Object.values(n.series)) expect(a).toHaveLength(20);
    }
    expect(Object.keys(r.clients)).toEqual(Object.keys(shop.nodes).filter((id) => shop.nodes[id]!.kind === 'client'));
    expect(r.calls['order-service->inventory-service']).toBeDefined();
    expect(r.calls['gateway->checkout']).toBeDefined();
    expect(r.series.points).toHaveLength(20);
    expect(r.series.points[3]).toEqual(expect.objectContaining({ t: 3000 }));
    expect(r.traces.length).toBeGreaterThan(0);
    for (const t of r.traces) {
      const ids = new Set(t.spans.map((s) => s.spanId));
      for (const s of t.spans) if (s.parentSpanId !== null) expect(ids.has(s.parentSpanId)).toBe(true);
    }
    expect(r.sagas.checkout!.started).toBeGreaterThan(0);
  });

  it('reports progress and can be cancelled', () => {
    const seen: number[] = [];
    simulate(shop, { duration: 10_000, progressEvery: 2000, onProgress: (p) => seen.push(p.time) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(() => simulate(shop, { duration: 60_000, progressEvery: 1000, shouldCancel: () => true })).toThrow(SimulationCancelled);
  });

  it('property: every request ends exactly once and counters add up', () => {
    const policy = fc.record(
      {
        timeout: fc.integer({ min: 20, max: 300 }),
        retry: fc.record({
          attempts: fc.integer({ min: 1, max: 4 }),
          backoff: fc.integer({ min: 0, max: 50 }),
          jitter: fc.constantFrom('none', 'full'),
        }),
        breaker: fc.record({
          window: fc.integer({ min: 2, max: 20 }),
          minCalls: fc.integer({ min: 1, max: 20 }),
          openFor: fc.integer({ min: 100, max: 3000 }),
          halfOpenCalls: fc.integer({ min: 1, max: 4 }),
        }),
      },
      { requiredKeys: ['timeout'] },
    );
    const svc = fc.record({
      replicas: fc.integer({ min: 1, max: 3 }),
      concurrency: fc.integer({ min: 1, max: 4 }),
      queue: fc.integer({ min: 0, max: 20 }),
      latency: fc.integer({ min: 1, max: 60 }),
      errorRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
      balancer: fc.constantFrom('round_robin', 'random', 'least_request', 'consistent_hash'),
      parallel: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(svc, { minLength: 1, maxLength: 4 }),
        fc.array(policy, { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 20, max: 300 }),
        fc.option(fc.integer({ min: 1, max: 3 })),
        (svcs, pols, rate, kill) => {
          const nodes: Record<string, unknown> = { c: { kind: 'client', rate, requests: [{ to: 's0', ...pols[0] }] } };
          svcs.forEach((s, i) => {
            const calls =
              i + 1 < svcs.length
                ? [
                    { to: `s${i + 1}`, ...pols[i + 1] },
                    { to: 'db', timeout: 100 },
                  ]
                : [{ to: 'db', timeout: 100 }];
            nodes[`s${i}`] = { kind: 'service', ...s, calls };
          });
          nodes.db = { kind: 'database', connections: 4, latency: { dist: 'exponential', mean: 3 } };
          const faults: object[] = [{ node: 'c', at: 6000, traffic: 0 }];
          if (kill) faults.push({ node: 's0', at: 2000, for: 2000, kill });
          // Requests stop at 6 s. Each visit holds its worker at most ~1.7 s (own work, 4 tries of
          // <= 300 ms plus backoffs, a db call), and a replica drains at most 24 of them one by
          // one (queue 20 + 4 in service, concurrency >= 1): everything has ended well before 60 s.
          const r = simulate(designOf({ name: 'p', nodes, scenarios: { s: { duration: 60_000, faults } } }), { scenario: 's' });
          const byCause = Object.values(r.requests.byCause).reduce((a, b) => a + b, 0);
          expect(r.requests.ok + r.requests.failed).toBe(r.requests.total);
          expect(byCause).toBe(r.requests.failed);
          expect(r.nodes.c!.arrivals).toBe(r.requests.total);
          for (const [id, n] of Object.entries(r.nodes)) if (id !== 'c') expect(n.completed + n.failed, id).toBe(n.arrivals);
          for (const [k, c] of Object.entries(r.calls)) {
            expect(c.ok + c.failed, k).toBe(c.attempts - c.retries);
            const refused = c.byCause.breakerOpen ?? 0;
            expect(Object.values(c.byCause).reduce((a, b) => a + b, 0) - refused).toBeGreaterThanOrEqual(c.failed - refused);
          }
          expect(r.calls['c->s0']!.ok).toBe(r.requests.ok);
          const pts = r.series.points;
          expect(pts.reduce((a, p) => a + p.ok + p.failed, 0)).toBe(r.requests.total);
        },
      ),
      { numRuns: 40 },
    );
  });
});
