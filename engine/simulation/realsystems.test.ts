// Real-system fields (simulation.md): network time inside a try's timeout, optional calls.
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { designOf } from './testing.js';

describe('real-system fields', () => {
  it('network time adds its round trip to a chain and counts toward the timeout', () => {
    const chain = (network: number, timeout?: number) =>
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 50, requests: [{ to: 'a' }] },
          a: { kind: 'service', latency: 5, concurrency: 100, calls: [{ to: 'b', network, ...(timeout ? { timeout } : {}) }] },
          b: { kind: 'service', latency: 90, concurrency: 100 },
        },
      });
    const base = simulate(chain(0), { duration: 10_000 });
    const net = simulate(chain(20), { duration: 10_000 });
    expect(base.latency.mean).toBeCloseTo(95, 1);
    expect(net.latency.mean).toBeCloseTo(115, 1);
    // Callee 90 ms + network 20 ms > timeout 100 ms: every try times out; without network none.
    const timed = simulate(chain(20, 100), { duration: 10_000 });
    expect(timed.requests.byCause.timeout).toBe(timed.requests.total);
    const ab = timed.calls['a->b']!;
    expect(ab.byCause.timeout).toBe(ab.failed);
    expect(ab.ok).toBe(0);
    expect(simulate(chain(0, 100), { duration: 10_000 }).requests.failed).toBe(0);
  });

  it('an optional call that always fails leaves the client failure share unchanged; the call counts it', () => {
    const d = (optional: boolean | undefined) =>
      designOf({
        name: 't',
        nodes: {
          c: { kind: 'client', rate: 200, requests: [{ to: 'front' }] },
          front: {
            kind: 'service',
            latency: 2,
            errorRate: 0.1,
            concurrency: 100,
            calls: optional === undefined ? [] : [{ to: 'ads', optional }],
          },
          ads: { kind: 'service', latency: 1, errorRate: 1, concurrency: 100 },
        },
      });
    const without = simulate(d(undefined), { duration: 20_000 });
    const opt = simulate(d(true), { duration: 20_000 });
    const required = simulate(d(false), { duration: 20_000 });
    const share = (r: typeof opt) => r.requests.failed / r.requests.total;
    // Same seed, same draws for front's work and errors: the same requests fail.
    expect(share(opt)).toBe(share(without));
    expect(share(opt)).toBeCloseTo(0.1, 1);
    expect(share(required)).toBe(1);
    const call = opt.calls['front->ads']!;
    expect(call.failed).toBe(call.attempts);
    expect(call.failed).toBeGreaterThan(0);
  });
});
