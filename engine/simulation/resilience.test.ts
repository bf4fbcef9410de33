// Resilience behaviour against timelines and counts computed by hand from the semantics of
// simulation.md (resilience4j, Envoy, Kubernetes).
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { designOf } from './testing.js';

describe('resilience', () => {
  it('breaker timeline through an outage (count window, lazy half-open, trials, recovery)', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: {
            kind: 'client',
            rate: 10,
            arrival: 'uniform',
            requests: [{ to: 's', breaker: { window: 10, minCalls: 20, failureRate: 0.5, openFor: '5s', halfOpenCalls: 2 } }],
          },
          s: { kind: 'service', latency: 10 },
        },
        scenarios: { outage: { duration: 40_000, faults: [{ node: 's', at: 10_000, for: 20_000, errorRate: 1 }] } },
      }),
      { scenario: 'outage' },
    );
    // Requests every 100 ms, answered 10 ms later. minCalls is min(20, window) = 10: the 5th
    // failure (request of 10400) fills half the window at 10410. The first attempt strictly after
    // openFor turns half-open and is a trial; both trials fail while the fault lasts.
    expect(r.calls['c->s']!.breaker.transitions).toEqual([
      { at: 10410, replica: 0, from: 'closed', to: 'open' },
      { at: 15500, replica: 0, from: 'open', to: 'half_open' },
      { at: 15610, replica: 0, from: 'half_open', to: 'open' },
      { at: 20700, replica: 0, from: 'open', to: 'half_open' },
      { at: 20810, replica: 0, from: 'half_open', to: 'open' },
      { at: 25900, replica: 0, from: 'open', to: 'half_open' },
      { at: 26010, replica: 0, from: 'half_open', to: 'open' },
      { at: 31100, replica: 0, from: 'open', to: 'half_open' },
      { at: 31210, replica: 0, from: 'half_open', to: 'closed' },
    ]);
    // Failures: 5 to open + 2 trials x 3; everything else refused while open.
    expect(r.requests.byCause.error).toBe(11);
    expect(r.nodes.s!.completed + r.nodes.s!.failed).toBe(r.requests.total - r.requests.byCause.breakerOpen);
  });

  it('retries amplify load: 1 + p + p^2 tries per request at error rate p, p^3 fail', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 200, requests: [{ to: 's', retry: { attempts: 3, backoff: 0 } }] },
          s: { kind: 'service', latency: 1, errorRate: 0.5 },
        },
      }),
      { duration: 100_000 },
    );
    const n = r.requests.total;
    expect(Math.abs(r.nodes.s!.arrivals / n - 1.75)).toBeLessThan(0.03);
    expect(Math.abs(r.requests.failed / n - 0.125)).toBeLessThan(0.01);
    expect(Math.abs(r.calls['c->s']!.attempts - r.nodes.s!.arrivals)).toBeLessThanOrEqual(1);
    expect(r.calls['c->s']!.attempts - r.calls['c->s']!.retries - n).toBeLessThanOrEqual(2);
  });

  it('retry backoff: exponential, capped, exact without jitter', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: {
            kind: 'client',
            rate: 1,
            arrival: 'uniform',
            requests: [{ to: 's', retry: { attempts: 5, backoff: 100, multiplier: 2, maxBackoff: 300 } }],
          },
          s: { kind: 'service', latency: 10, errorRate: 1 },
        },
      }),
      { duration: 3000 },
    );
    // 5 tries of 10 ms with waits 100, 200, 300 (capped), 300: 50 + 900 ms.
    expect(r.latency.max).toBe(950);
    expect(r.requests.byCause.error).toBe(2);
  });

  it('timeouts: the caller gives up at the timeout, the callee keeps working', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 20, requests: [{ to: 's', timeout: 50 }] },
          s: { kind: 'service', latency: 100 },
        },
      }),
      { duration: 20_000 },
    );
    expect(r.requests.ok).toBe(0);
    expect(r.requests.byCause.timeout).toBe(r.requests.total);
    expect(r.latency.max).toBe(50);
    expect(r.nodes.s!.completed).toBeGreaterThanOrEqual(r.requests.total - 5);
    expect(r.nodes.s!.latency.p50).toBe(100);
  });

  it('token bucket at the gateway: burst of one second, then the rate; 404 for no route', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: {
            kind: 'client',
            rate: 160,
            arrival: 'uniform',
            requests: [
              { to: 'g', route: '/api/x', weight: 3 },
              { to: 'g', route: '/nope', weight: 1 },
            ],
          },
          g: {
            kind: 'gateway',
            rateLimit: 100,
            routes: [
              { path: '/api', to: 's' },
              { path: '/api/x', to: 's2' },
            ],
            latency: 0,
          },
          s: { kind: 'service', latency: 1 },
          s2: { kind: 'service', latency: 1 },
        },
      }),
      { duration: 10_000 },
    );
    // 1600 arrivals in 10 s; 100 tokens to start plus 100/s.
    const admitted = r.requests.total - r.requests.byCause.rateLimited;
    expect(Math.abs(admitted - 1100)).toBeLessThanOrEqual(2);
    // The longest prefix wins: /api/x goes to s2, never to s.
    expect(r.nodes.s!.arrivals).toBe(0);
    expect(Math.abs(r.requests.byCause.notFound / admitted - 0.25)).toBeLessThan(0.05);
    expect(r.nodes.s2!.completed).toBe(r.requests.ok);
  });

  it('saga: a failing step compensates the completed steps in reverse order', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 50, requests: [{ to: 'saga' }] },
          saga: {
            kind: 'saga',
            latency: 1,
            steps: [
              { name: 'reserve', to: 'a', compensate: 'release' },
              { name: 'skip', to: 'b' },
              { name: 'charge', to: 'c2', compensate: 'refund' },
              { name: 'ship', to: 'd' },
            ],
          },
          a: { kind: 'service', latency: 2 },
          b: { kind: 'service', latency: 2 },
          c2: { kind: 'service', latency: 2 },
          d: { kind: 'service', latency: 2, errorRate: 1 },
        },
      }),
      { duration: 10_000 },
    );
    const s = r.sagas.saga!;
    expect(s.completed).toBe(0);
    expect(s.failed).toBe(0);
    expect(s.compensated).toBeGreaterThan(400);
    expect(r.requests.byCause.error).toBe(r.requests.total);
    const trace = r.traces[0]!;
    expect(trace.spans.map((x) => x.node)).toEqual(['c', 'saga', 'a', 'b', 'c2', 'd', 'c2', 'a']);
    expect(r.nodes.a!.arrivals).toBeGreaterThanOrEqual(2 * s.compensated);
    expect(r.nodes.b!.arrivals).toBe(r.nodes.d!.arrivals);
  });

  it('canary: versions split traffic by weight with their own error rate', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 500, requests: [{ to: 's' }] },
          s: { kind: 'service', latency: 1, versions: { v1: { weight: 90 }, v2: { weight: 10, errorRate: 1, replicas: 1 } } },
        },
      }),
      { duration: 40_000 },
    );
    expect(Math.abs(r.requests.failed / r.requests.total - 0.1)).toBeLessThan(0.01);
    expect(r.nodes.s!.replicas.final).toBe(2);
  });

  it('metastable retry storm: a spike with retries and no backoff leaves goodput collapsed; without retries it recovers', () => {
    const run = (retry: object | undefined) =>
      simulate(
        designOf({
          name: 't',
          nodes: {
            c: { kind: 'client', rate: 70, requests: [{ to: 's', timeout: 200, ...(retry ? { retry } : {}) }] },
            s: { kind: 'service', concurrency: 1, queue: 100000, latency: { dist: 'exponential', mean: 10 } },
          },
          scenarios: { spike: { duration: 120_000, faults: [{ node: 'c', at: 20_000, for: 5_000, traffic: 4 }] } },
        }),
        { scenario: 'spike' },
      );
    const goodput = (r: ReturnType<typeof run>, from: number, to: number) =>
      r.series.points.slice(from, to).reduce((a, p) => a + p.ok, 0) / (to - from);
    const storm = run({ attempts: 4, backoff: 0 });
    const calm = run(undefined);
    // Before the spike both serve the offered load.
    expect(goodput(storm, 5, 20)).toBeGreaterThan(60);
    expect(goodput(calm, 5, 20)).toBeGreaterThan(60);
    // Long after it: the retries keep the queue full of abandoned work.
    expect(goodput(storm, 90, 120)).toBeLessThan(10);
    expect(goodput(calm, 90, 120)).toBeGreaterThan(60);
  });

  it('kill: in-flight requests fail with error, no live replica gives noReplica, `for` restores', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 100, requests: [{ to: 's' }] },
          s: { kind: 'service', replicas: 2, latency: 50 },
        },
        scenarios: { k: { duration: 30_000, faults: [{ node: 's', at: 10_000, for: 10_000, kill: 2 }] } },
      }),
      { scenario: 'k' },
    );
    expect(r.requests.byCause.error).toBeGreaterThan(0);
    expect(Math.abs(r.requests.byCause.noReplica / r.requests.total - 1 / 3)).toBeLessThan(0.03);
    expect(r.nodes.s!.replicas).toEqual({ min: 0, max: 2, final: 2 });
  });

  it('HPA: scales up under load after startup, never past max', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 400, requests: [{ to: 's' }] },
          s: { kind: 'service', concurrency: 4, queue: 100000, latency: 10, autoscale: { min: 1, max: 3, cpu: 0.5, startup: '5s' } },
        },
      }),
      { duration: 60_000 },
    );
    // Offered load is 4 workers' worth: one replica saturates; the HPA goes to max = 3.
    expect(r.nodes.s!.replicas).toEqual({ min: 1, max: 3, final: 3 });
  });
});
