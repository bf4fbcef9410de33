// Questions users asked of odd-looking results, answered by the spec and pinned here: a failing
// service still spends its work (0 % utilization in an outage means nothing reaches it: the
// breakers in front are open); a service calling itself deadlocks its worker pool (thread per
// request), so no request finishes unless a timeout ends it; a pareto with alpha <= 1 has no
// mean, so almost nothing finishes, and the results stay plain finite numbers.
import { describe, expect, it } from 'vitest';
import { designOf } from './testing.js';
import { simulate } from './simulate.js';

function finiteNumbers(v: unknown, path = ''): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => finiteNumbers(x, `${path}.${k}`));
  return [];
}

describe('a failing service spends its work', () => {
  it('errorRate 100 %: each request still takes its latency of a worker', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 100, arrival: 'uniform', requests: [{ to: 's' }] },
          s: { kind: 'service', concurrency: 10, latency: 50, errorRate: 1 },
        },
      }),
      { duration: 20_000 },
    );
    expect(r.requests.byCause.error).toBe(r.requests.total);
    expect(r.nodes.s!.utilization).toBeCloseTo(0.5, 2); // 100/s x 50 ms / 10 workers
  });

  it('in an outage behind a breaker: busy while tries fail, idle once the breaker refuses them', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: {
            kind: 'client',
            rate: 20,
            arrival: 'uniform',
            requests: [{ to: 's', breaker: { window: 10, minCalls: 5, openFor: '60s' } }],
          },
          s: { kind: 'service', concurrency: 4, latency: 50 },
        },
        scenarios: { out: { duration: 10_000, faults: [{ node: 's', at: 2_000, for: 5_000, errorRate: 1 }] } },
      }),
      { scenario: 'out' },
    );
    const u = r.nodes.s!.series!.utilization;
    expect(u[1]).toBeCloseTo(0.25, 2); // 20/s x 50 ms / 4 workers
    expect(u[2]).toBeGreaterThan(0.05); // the failing tries up to the 5th failure cost their work
    expect(u.slice(3)).toEqual(u.slice(3).map(() => 0)); // open: nothing reaches s
    expect(r.calls['c->s']!.byCause.breakerOpen).toBeGreaterThan(100);
  });
});

describe('a service that calls itself', () => {
  const self = (timeout?: string) =>
    designOf({
      name: 't',
      nodes: {
        c: { kind: 'client', rate: 50, arrival: 'uniform', requests: [{ to: 's', ...(timeout ? { timeout } : {}) }] },
        s: { kind: 'service', concurrency: 4, latency: 5, calls: [{ to: 's', ...(timeout ? { timeout } : {}) }] },
      },
    });

  it('deadlocks its workers: each holds its slot waiting on a call queued behind the others', () => {
    const r = simulate(self(), { duration: 2_000 });
    expect(r.requests.total).toBe(0); // none finished
    expect(r.nodes.s!.completed).toBe(0);
    expect(r.nodes.s!.maxQueue).toBe(r.nodes.s!.arrivals - 4);
    expect(r.stats.events).toBeLessThan(200); // the event queue, not the stack: nothing recursed
  });

  it('with timeouts every request ends, as timeout', () => {
    const r = simulate(self('500ms'), { duration: 2_000 });
    expect(r.requests.total).toBeGreaterThan(0);
    expect(r.requests.byCause.timeout).toBe(r.requests.total);
  });
});

describe('a pareto latency with alpha <= 1 (no finite mean)', () => {
  it('finishes few requests, and every figure is a finite number', () => {
    const r = simulate(
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 50, requests: [{ to: 's' }] },
          s: { kind: 'service', latency: { dist: 'pareto', min: 1, alpha: 0.05 } },
        },
      }),
      { duration: 2_000 },
    );
    expect(r.nodes.s!.arrivals).toBeGreaterThan(50);
    expect(r.nodes.s!.completed).toBeLessThan(r.nodes.s!.arrivals / 4);
    expect(finiteNumbers(r)).toEqual([]);
  });
});
