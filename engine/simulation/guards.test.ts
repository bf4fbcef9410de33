// Guard rails (simulation.md "Guard rails"): sizes that cannot run are refused up front naming
// the field; runaway designs end early with stats.stopped and stats.capped; no design can make
// the simulator recurse without bound (generated cyclic designs, zero latency included).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate, SimulationError } from './simulate.js';
import { designOf } from './testing.js';

const refusal = (f: () => unknown): SimulationError => {
  try {
    f();
  } catch (e) {
    if (e instanceof SimulationError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('guard rails', () => {
  it('refuses a rate of 10^9/s up front, naming the field', () => {
    const d = designOf({ name: 'g', nodes: { web: { kind: 'client', rate: 1e9, requests: [{ to: 's' }] }, s: { kind: 'service' } } });
    const e = refusal(() => simulate(d));
    expect(e.path).toEqual(['nodes', 'web', 'rate']);
    expect(e.message).toMatch(/^nodes\.web\.rate: .*event cap/);
  });

  it('refuses 10^8 replicas (also of a version or an autoscaler max) up front, naming the field', () => {
    const base = { web: { kind: 'client', rate: 10, requests: [{ to: 's' }] } };
    expect(refusal(() => simulate(designOf({ name: 'g', nodes: { ...base, s: { kind: 'service', replicas: 1e8 } } }))).path).toEqual([
      'nodes',
      's',
      'replicas',
    ]);
    const ver = { kind: 'service', versions: { v1: { weight: 1 }, v2: { weight: 1, replicas: 1e8 } } };
    expect(refusal(() => simulate(designOf({ name: 'g', nodes: { ...base, s: ver } }))).path).toEqual([
      'nodes',
      's',
      'versions',
      'v2',
      'replicas',
    ]);
    const hpa = { kind: 'service', autoscale: { min: 1, max: 1e8, cpu: 0.5 } };
    expect(refusal(() => simulate(designOf({ name: 'g', nodes: { ...base, s: hpa } }))).message).toMatch(/^nodes\.s\.autoscale\.max: /);
  });

  it('a consumer republishing to its own queue with 0 ms work ends early: stopped "events"', () => {
    const d = designOf({
      name: 'g',
      nodes: {
        c: { kind: 'client', rate: 1, requests: [{ to: 'q' }] },
        q: { kind: 'queue', consumers: ['w'] },
        w: { kind: 'service', latency: 0, calls: [{ to: 'q' }] },
      },
    });
    const r = simulate(d, { duration: 10_000 });
    expect(r.stats.stopped).toBe('events');
    expect(r.nodes.w!.arrivals).toBeGreaterThan(100_000);
  });

  it('a topic whose consumers both republish to it ends early: stopped "backlog", the lost copies counted', () => {
    const d = designOf({
      name: 'g',
      nodes: {
        c: { kind: 'client', rate: 1, requests: [{ to: 't' }] },
        t: { kind: 'topic', consumers: ['a', 'b'] },
        a: { kind: 'service', latency: 1, calls: [{ to: 't' }] },
        b: { kind: 'service', latency: 1, calls: [{ to: 't' }] },
      },
    });
    const r = simulate(d, { duration: 60_000, maxBacklog: 1000 });
    expect(r.stats.stopped).toBe('backlog');
    expect(r.stats.capped).toBe(10 * 1000);
    expect(r.nodes.t!.backlog.max).toBe(1000);
  });

  it('an overloaded service fills the in-flight cap, refuses past it, then ends early: stopped "inFlight"', () => {
    const d = designOf({
      name: 'g',
      nodes: {
        c: { kind: 'client', rate: 2000, requests: [{ to: 's' }] },
        s: { kind: 'service', concurrency: 1, queue: 1e6, latency: 1 },
      },
    });
    const r = simulate(d, { duration: 600_000, maxInFlight: 500 });
    expect(r.stats.stopped).toBe('inFlight');
    expect(r.stats.capped).toBe(5000);
    // About 1000/s refused once full: the run ends after ~5 s of its 600.
    expect(r.requests.total).toBeLessThan(20_000);
    expect(r.nodes.s!.maxQueue).toBeLessThanOrEqual(501);
  });

  it('the event cap ends a long run with the results so far', () => {
    const d = designOf({
      name: 'g',
      nodes: { c: { kind: 'client', rate: 300, requests: [{ to: 's' }] }, s: { kind: 'service', latency: 1 } },
    });
    // 18 000 arrivals fit the cap of 20 000 events, their ~36 000 events do not.
    const r = simulate(d, { duration: 60_000, maxEvents: 20_000 });
    expect(r.stats).toMatchObject({ events: 20_000, stopped: 'events' });
    expect(r.requests.total).toBeGreaterThan(5000);
    expect(r.requests.total).toBeLessThan(11_000);
    expect(simulate(d, { duration: 1000 }).stats.stopped).toBeNull();
  });

  it('a zero-latency synchronous cycle does not overflow the stack', () => {
    const d = designOf({
      name: 'g',
      nodes: {
        c: { kind: 'client', rate: 5, requests: [{ to: 'a' }] },
        a: { kind: 'service', latency: 0, concurrency: 1e6, calls: [{ to: 'b' }] },
        b: { kind: 'service', latency: 0, concurrency: 1e6, calls: [{ to: 'a' }] },
      },
    });
    const r = simulate(d, { duration: 2000 });
    expect(r.requests.total).toBeGreaterThan(0);
    expect(r.requests.byCause.rejected).toBe(r.requests.total);
    expect(r.stats.capped).toBe(r.requests.total);
  });

  it('property: generated cyclic designs (zero latency, sync, async, queues) end without RangeError and add up', () => {
    const call = fc.record({
      to: fc.integer({ min: 0, max: 5 }),
      async: fc.boolean(),
      probability: fc.constantFrom(1, 0.9, 0.5),
      timeout: fc.option(fc.constantFrom(0, 1, 50), { nil: undefined }),
      retry: fc.option(fc.record({ attempts: fc.integer({ min: 1, max: 3 }), backoff: fc.constantFrom(0, 1) }), { nil: undefined }),
    });
    const node = fc.record({
      kind: fc.constantFrom('service', 'service', 'queue', 'topic'),
      latency: fc.constantFrom(0, 0, 1),
      concurrency: fc.constantFrom(1, 4, 1e6),
      queue: fc.constantFrom(0, 10, 1e6),
      parallel: fc.boolean(),
      calls: fc.array(call, { maxLength: 3 }),
      consumers: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(node, { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 200 }), (ns, rate) => {
        const nodes: Record<string, unknown> = { c: { kind: 'client', rate, requests: [{ to: 'n0' }] } };
        const services = ns.map((n, i) => (n.kind === 'service' || i === 0 ? i : -1)).filter((i) => i >= 0);
        ns.forEach((n, i) => {
          if (n.kind === 'service' || i === 0) {
            const calls = n.calls.map((c) => {
              const to = `n${c.to}`;
              const out: Record<string, unknown> = { to, probability: c.probability };
              if (c.async) out.async = true;
              if (c.timeout !== undefined) out.timeout = c.timeout;
              if (c.retry) out.retry = c.retry;
              return out;
            });
            nodes[`n${i}`] = {
              kind: 'service',
              latency: n.latency,
              concurrency: n.concurrency,
              queue: n.queue,
              parallel: n.parallel,
              calls,
            };
          } else {
            const consumers = [...new Set(n.consumers.filter((c) => services.includes(c)).map((c) => `n${c}`))];
            nodes[`n${i}`] = { kind: n.kind, consumers };
          }
        });
        // Async calls only to services; queues and topics are reached by plain calls.
        for (const n of Object.values(nodes) as { calls?: { to: string; async?: boolean }[] }[])
          for (const c of n.calls ?? []) if (c.async && (nodes[c.to] as { kind: string }).kind !== 'service') delete c.async;
        const r = simulate(designOf({ name: 'cyc', nodes }), { duration: 2000, maxInFlight: 300, maxBacklog: 300, maxEvents: 100_000 });
        expect(r.requests.ok + r.requests.failed).toBe(r.requests.total);
        expect([null, 'events', 'inFlight', 'backlog']).toContain(r.stats.stopped);
        expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 60 },
    );
  });
});
