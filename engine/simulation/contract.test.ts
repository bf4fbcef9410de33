// Regressions from an outside check against simulation.md: cases computed by hand, each one a
// discrepancy the simulator once had.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { designOf } from './testing.js';

describe('contract regressions', () => {
  it('retries only error, timeout, rejected, noReplica and rateLimited; notFound and breakerOpen are final', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: {
            kind: 'client',
            rate: 1,
            arrival: 'uniform',
            requests: [
              { to: 'g', route: '/nope', retry: { attempts: 3, backoff: 10 } },
              { to: 'a', retry: { attempts: 3, backoff: 10 } },
            ],
          },
          g: { kind: 'gateway', latency: 1, routes: [{ path: '/orders', to: 'a' }] },
          // a's breaker opens on the first failure and stays open: a answers breakerOpen.
          a: {
            kind: 'service',
            latency: 1,
            calls: [{ to: 'b', breaker: { window: 1, minCalls: 1, failureRate: 1, openFor: '1h', halfOpenCalls: 1 } }],
          },
          b: { kind: 'service', latency: 1, errorRate: 1 },
        },
      }),
      { duration: 60_500 },
    );
    const g = r.calls['c->g']!;
    // 60 requests (weights 1:1) at 1 s gaps; every try at the gateway is a 404, never retried.
    expect(g.retries).toBe(0);
    expect(g.attempts).toBe(g.failed);
    expect(g.byCause.notFound).toBe(g.attempts);
    const a = r.calls['c->a']!;
    // The first request to a: b's error is retried by the client (3 tries): the first try opens
    // a's breaker, the other two come back breakerOpen; after that every request is one try.
    expect(r.calls['a->b']!.byCause).toMatchObject({ error: 1, breakerOpen: a.attempts - 1 });
    expect(a.retries).toBe(1);
    expect(a.byCause).toMatchObject({ error: 1, breakerOpen: a.attempts - 1 });
    expect(g.attempts + a.attempts - a.retries).toBe(60);
  });

  it('errors are retried with backoff * multiplier^(n-1) capped by maxBackoff', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 1, arrival: 'uniform', requests: [{ to: 'a' }] },
          a: {
            kind: 'service',
            latency: 1,
            calls: [{ to: 'b', retry: { attempts: 4, backoff: 100, multiplier: 3, maxBackoff: 500 } }],
          },
          b: { kind: 'service', latency: 10, errorRate: 1 },
        },
      }),
      { duration: 10_000 },
    );
    // 1 + 10, wait 100, 10, wait 300, 10, wait min(900, 500), 10 = 941 ms.
    expect(r.latency.max).toBe(941);
    expect(r.latency.p50).toBe(941);
    expect(r.calls['a->b']).toMatchObject({ attempts: 36, retries: 27, ok: 0, failed: 9 });
    expect(r.nodes.b!.arrivals).toBe(36);
  });

  it('breaker transitions in the warmup are not reported (warmup applies to every statistic)', () => {
    const design = designOf({
      name: 't',
      nodes: {
        c: {
          kind: 'client',
          rate: 10,
          arrival: 'uniform',
          requests: [{ to: 's', breaker: { window: 10, minCalls: 5, failureRate: 0.5, openFor: '5s', halfOpenCalls: 1 } }],
        },
        s: { kind: 'service', latency: 10 },
      },
      scenarios: {
        a: { duration: 30_000, warmup: 12_000, faults: [{ node: 's', at: 10_000, for: 10_000, errorRate: 1 }] },
        b: { duration: 30_000, faults: [{ node: 's', at: 10_000, for: 10_000, errorRate: 1 }] },
      },
    });
    const all = simulate(design, { scenario: 'b' }).calls['c->s']!.breaker.transitions;
    // Opens at 10410 (5th failure), half-open at 15500 (trial fails at 15510), 20600 trial ok.
    expect(all.map((t) => t.at)).toEqual([10410, 15500, 15510, 20600, 20610]);
    const warm = simulate(design, { scenario: 'a' }).calls['c->s']!.breaker.transitions;
    expect(warm).toEqual(all.filter((t) => t.at >= 12_000));
  });

  it('a dead-lettered message is a publish on the <queue>-><dlq> call', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 10, arrival: 'uniform', requests: [{ to: 'a' }] },
          a: { kind: 'service', latency: 1, calls: [{ to: 'q' }] },
          q: { kind: 'queue', consumers: ['w'], maxDeliveries: 2, dlq: 'dead' },
          dead: { kind: 'queue' },
          w: { kind: 'service', latency: 1, errorRate: 1 },
        },
      }),
      { duration: 10_000 },
    );
    // Requests at 100, 200, ... 10000 ms; the last one's work ends after the run: 99 messages,
    // each delivered twice, then dead-lettered.
    expect(r.nodes.q!.dlq).toBe(99);
    expect(r.calls['q->dead']).toMatchObject({ attempts: 99, retries: 0, ok: 99, failed: 0 });
    expect(r.calls['q->w']).toMatchObject({ attempts: 198, retries: 99, ok: 0, failed: 99 });
    expect(r.nodes.dead!.arrivals).toBe(99);
    expect(r.nodes.dead!.backlog.final).toBe(99);
  });

  it('consistent_hash keeps a key on one replica across canary versions', () => {
    const design = (seed: number) =>
      simulate(
        designOf({
          name: 't',
          nodes: {
            c: { kind: 'client', rate: 100, keys: 1, requests: [{ to: 's' }] },
            s: {
              kind: 'service',
              latency: 1,
              balancer: 'consistent_hash',
              versions: { v1: { weight: 50 }, v2: { weight: 50, errorRate: 1 } },
            },
          },
        }),
        { duration: 5_000, seed },
      );
    for (const seed of [1, 2, 3]) {
      const r = design(seed);
      // One key: every request lands on the same version, so all fail or none does.
      expect([0, r.requests.total]).toContain(r.requests.failed);
    }
  });

  it('a rate limit under 1/s still admits one request per 1/rate seconds (the bucket holds at least one token)', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 2, arrival: 'uniform', requests: [{ to: 'g' }] },
          g: { kind: 'gateway', latency: 1, rateLimit: 0.5, routes: [{ path: '/', to: 's' }] },
          s: { kind: 'service', latency: 1 },
        },
      }),
      { duration: 10_200 },
    );
    // Requests at 500, 1000, ... 10000: the full bucket (1 token) admits 500, then one token
    // every 2 s: 2500, 4500, 6500, 8500.
    expect(r.requests).toMatchObject({ total: 20, ok: 5, failed: 15 });
    expect(r.requests.byCause.rateLimited).toBe(15);
  });

  it('guard rails: an overloaded design is capped and says so; counters still add up', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 2000, requests: [{ to: 'a' }] },
          a: { kind: 'service', concurrency: 100000, queue: 0, latency: 1, calls: [{ to: 'db' }, { to: 'q' }] },
          db: { kind: 'database', connections: 1, latency: 1 },
          q: { kind: 'queue' },
        },
      }),
      { duration: 20_000, maxInFlight: 2_000, maxBacklog: 5_000 },
    );
    expect(r.stats.capped).toBeGreaterThan(0);
    expect(r.nodes.db!.maxQueue).toBeLessThanOrEqual(2_000);
    expect(r.nodes.q!.backlog.max).toBe(5_000);
    expect(r.requests.byCause.rejected).toBeGreaterThan(0);
    expect(r.requests.ok + r.requests.failed).toBe(r.requests.total);
    const q = r.nodes.q!;
    expect(q.arrivals).toBe(q.completed + q.failed + q.backlog.final);
    const ok = simulate(
      designOf({ name: 't', nodes: { c: { kind: 'client', rate: 100, requests: [{ to: 's' }] }, s: { kind: 'service' } } }),
      { duration: 5_000 },
    );
    expect(ok.stats.capped).toBe(0);
  });
});
