import { describe, expect, it } from 'vitest';
import { computeLoad, expectedTries } from './load.js';
import { meanOf } from '../model/distribution.js';
import { review } from './review.js';
import { design } from './testing.js';

const LOAD = `
nodes:
  web:
    kind: client
    rate: 100
    requests:
      - { to: gw, route: /a/x, weight: 3 }
      - { to: gw, route: /b, weight: 1 }
      - { to: gw, route: /nowhere, weight: 1 }
  gw:
    kind: gateway
    replicas: 2
    concurrency: 100
    routes: [ { path: /a, to: other }, { path: /a/x, to: a }, { path: /b, to: b } ]
  other: { kind: service }
  a:
    kind: service
    concurrency: 4
    latency: 50ms
    calls:
      - { to: b, probability: 50%, retry: { attempts: 3 } }
      - { to: db }
      - { to: db }
      - { to: t, async: true }
  b: { kind: service, replicas: 4, errorRate: 0.5, latency: 10ms }
  db: { kind: database, connections: 1, latency: 5ms }
  t: { kind: topic, consumers: [ w1, w2 ] }
  w1: { kind: service, replicas: 2 }
  w2:
    kind: service
    replicas: 2
    versions: { v1: { weight: 3 }, v2: { weight: 1, replicas: 1, latency: 100ms } }
`;

describe('offered load', () => {
  const load = computeLoad(design(LOAD));
  const arrival = (id: string) => load.arrivals.get(id) ?? 0;
  it('follows mix weights, the longest route prefix, call probability, retries and fan-out', () => {
    expect(arrival('gw')).toBeCloseTo(100);
    expect(arrival('a')).toBeCloseTo(60); // 3/5 of 100 via /a/x, not /a
    expect(arrival('other')).toBe(0);
    // b: its own 20 from /b, plus 60 x 50% x expected tries (1 + .5 + .25) under a 50% error rate.
    expect(arrival('b')).toBeCloseTo(20 + 60 * 0.5 * 1.75);
    // Two calls to db per request of a, made only when the earlier call to b succeeded in the end.
    const bOk = 1 - 0.5 * 0.5 ** 3;
    expect(arrival('db')).toBeCloseTo(60 * bOk * 2);
    expect(arrival('w1')).toBeCloseTo(60 * bOk); // a topic copy per consumer
    expect(arrival('w2')).toBeCloseTo(60 * bOk);
  });
  it('computes utilization = arrival x mean own latency / (replicas x concurrency), per canary version', () => {
    expect(load.nodes.get('a')!.utilization).toBeCloseTo((60 * 0.05) / 4);
    expect(load.nodes.get('db')!.utilization).toBeCloseTo((60 * (1 - 0.5 * 0.5 ** 3) * 2 * 0.005) / 1);
    const w2 = load.nodes.get('w2')!;
    expect(w2.version).toBe('v2');
    expect(w2.utilization).toBeCloseTo((60 * (1 - 0.5 * 0.5 ** 3) * 0.25 * 0.1) / 16);
  });
  it('applies a gateway rate limit before forwarding', () => {
    const limited = computeLoad(design(LOAD.replace('concurrency: 100', 'concurrency: 100\n    rateLimit: 50')));
    expect(limited.arrivals.get('a')!).toBeCloseTo(30);
  });
  it('knows the means of the distributions', () => {
    expect(meanOf({ dist: 'lognormal', p50: 10, p99: 10 * Math.exp(2.3263) })).toBeCloseTo(10 * Math.exp(0.5));
    expect(meanOf({ dist: 'pareto', min: 10, alpha: 2 })).toBe(20);
    expect(meanOf({ dist: 'pareto', min: 10, alpha: 1 })).toBe(Infinity);
    expect(meanOf({ dist: 'uniform', min: 10, max: 30 })).toBe(20);
    expect(meanOf({ dist: 'normal', mean: 100, sd: 1 })).toBeCloseTo(100);
    expect(meanOf({ dist: 'normal', mean: 0, sd: 10 })).toBeCloseTo(10 * Math.sqrt(2 / Math.PI), 4);
    expect(expectedTries(0.5, 3)).toBeCloseTo(1.75);
    expect(expectedTries(1, 3)).toBe(3);
  });
});

describe('capacity rule', () => {
  it('fires on saturated nodes (databases too) and states the utilization', () => {
    const fs = review(design(LOAD.replace('latency: 50ms', 'latency: 80ms').replace('connections: 1,', 'connections: 2,'))).filter(
      (f) => f.rule === 'capacity',
    );
    expect(fs.map((f) => f.nodes)).toEqual([['a']]);
    expect(fs[0]!.severity).toBe('error');
    expect(fs[0]!.message).toContain('1.2 (120%)');
    const db = review(design(LOAD.replace('latency: 5ms', 'latency: 20ms'))).filter((f) => f.rule === 'capacity');
    expect(db.map((f) => f.nodes)).toEqual([['db']]);
  });
  it('stays silent below capacity and counts retries when they push a node over', () => {
    const base = `
nodes:
  web: { kind: client, rate: 100, requests: [ { to: a } ] }
  a: { kind: service, replicas: 2, calls: [ { to: b, retry: { attempts: 4 } } ] }
  b: { kind: service, replicas: 1, concurrency: 2, latency: 15ms, errorRate: ERR }
`;
    // 100/s x 15 ms / 2 slots = 0.75; at a 50% error rate retries bring 1.875 tries per call.
    expect(review(design(base.replace('ERR', '0'))).filter((f) => f.rule === 'capacity')).toEqual([]);
    expect(
      review(design(base.replace('ERR', '0.5')))
        .filter((f) => f.rule === 'capacity')
        .map((f) => f.nodes),
    ).toEqual([['b']]);
  });
});

describe('autoscaled capacity', () => {
  // review.md: utilization = arrival x mean own latency / (replicas x concurrency); an autoscaled
  // node runs at least autoscale.min, and autoscale.max is headroom stated in the message.
  const yaml = `
nodes:
  web: { kind: client, rate: 100, requests: [ { to: a } ] }
  a: { kind: service, replicas: REPLICAS, concurrency: 1, latency: 50ms, autoscale: { min: MIN, max: MAX } }
`;
  const of = (replicas: number, min: number, max: number) =>
    yaml.replace('REPLICAS', String(replicas)).replace('MIN', String(min)).replace('MAX', String(max));
  it('counts the replicas that run, at least autoscale.min, not autoscale.max', () => {
    expect(computeLoad(design(of(1, 1, 10))).nodes.get('a')!.utilization).toBeCloseTo(5);
    expect(computeLoad(design(of(1, 1, 10))).nodes.get('a')!.utilizationAtMax).toBeCloseTo(0.5);
    expect(computeLoad(design(of(2, 1, 10))).nodes.get('a')!.utilization).toBeCloseTo(2.5);
    expect(computeLoad(design(of(1, 10, 10))).nodes.get('a')!.utilization).toBeCloseTo(0.5);
  });
  it('fires with the autoscale headroom in the message', () => {
    const fs = review(design(of(1, 1, 10))).filter((f) => f.rule === 'capacity');
    expect(fs.map((f) => f.nodes)).toEqual([['a']]);
    expect(fs[0]!.message).toContain('5 (500%)');
    expect(fs[0]!.message).toContain('replicas x concurrency');
    expect(fs[0]!.message).toContain('up to 10 (10 slots, utilization 0.5)');
    const beyond = review(design(of(1, 1, 4))).filter((f) => f.rule === 'capacity');
    expect(beyond[0]!.message).toContain('Even at autoscale.max 4 (4 slots) utilization stays 1.25');
    expect(review(design(of(1, 6, 10))).filter((f) => f.rule === 'capacity')).toEqual([]);
  });
});
