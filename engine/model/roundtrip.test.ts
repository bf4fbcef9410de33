import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dumpYaml } from './edit.js';
import { parseDesign } from './parse.js';
import { serializeDesign } from './serialize.js';

// Generated designs: a pool of ids, each a random kind with random fields within range, every
// reference pointing at an id of an acceptable kind.
const idArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,20}$/);
const durationArb = fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.constantFrom('250ms', '2s', '1.5m', '0.5s'));
const pctArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('50%', '0%', '12.5%'));
const distArb = fc.oneof(
  durationArb,
  fc.record({ dist: fc.constant('exponential'), mean: durationArb }),
  fc.record({ dist: fc.constant('uniform'), min: durationArb, max: durationArb }),
  fc.record({ dist: fc.constant('lognormal'), p50: durationArb, p99: durationArb }),
  fc.record({ dist: fc.constant('pareto'), min: durationArb, alpha: fc.double({ min: 0.5, max: 5, noNaN: true }) }),
);
const policyArb = fc.record(
  {
    timeout: durationArb,
    retry: fc.record(
      { attempts: fc.integer({ min: 1, max: 5 }), backoff: durationArb, jitter: fc.constantFrom('none', 'full') },
      { requiredKeys: [] },
    ),
    breaker: fc.record({ failureRate: pctArb, window: fc.integer({ min: 1, max: 200 }), slowCall: durationArb }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const designArb = fc.uniqueArray(idArb, { minLength: 4, maxLength: 10, selector: (s) => s.toLowerCase() }).chain((ids) => {
  const [clientId, dbId, queueId, ...services] = ids as [string, string, string, ...string[]];
  const svc = services.length > 0 ? services : [clientId];
  const callArb = fc
    .record(
      { to: fc.constantFrom(...svc, dbId, queueId), probability: pctArb, async: fc.boolean(), policy: policyArb },
      { requiredKeys: ['to'] },
    )
    .map(({ policy, ...c }) => ({ ...c, ...(policy ?? {}) }));
  const serviceArb = fc.record(
    {
      kind: fc.constantFrom('service', 'gateway'),
      replicas: fc.integer({ min: 1, max: 20 }),
      concurrency: fc.integer({ min: 1, max: 64 }),
      latency: distArb,
      errorRate: pctArb,
      balancer: fc.constantFrom('round_robin', 'random', 'least_request', 'consistent_hash'),
      calls: fc.array(callArb, { maxLength: 3 }),
      parallel: fc.boolean(),
      env: fc.dictionary(fc.stringMatching(/^[A-Z_]{1,8}$/), fc.string({ maxLength: 10 }), { maxKeys: 2 }),
      autoscale: fc.record({ min: fc.integer({ min: 1, max: 3 }), max: fc.integer({ min: 3, max: 9 }), cpu: pctArb }),
      versions: fc.constant({ v1: { weight: 90 }, v2: { weight: 10, replicas: 1, latency: '30ms' } }),
    },
    { requiredKeys: ['kind'] },
  );
  return fc.record({
    name: fc.string({ minLength: 1, maxLength: 20 }),
    description: fc.option(fc.string(), { nil: undefined }),
    defaults: fc.record({ call: policyArb }),
    nodes: fc.tuple(...svc.map(() => serviceArb)).map((list) => ({
      [clientId]: { kind: 'client', rate: 10, requests: [{ to: svc[0] === clientId ? dbId : svc[0], weight: 2 }] },
      [dbId]: { kind: 'database', connections: 20 },
      [queueId]: { kind: 'queue', consumers: svc[0] === clientId ? [] : [svc[0]] },
      ...Object.fromEntries(svc.filter((s) => s !== clientId).map((s, i) => [s, list[i]])),
    })),
    scenarios: fc.constant({ base: { duration: '10s', warmup: 1000 } }),
    layout: fc.constant({ [clientId]: { x: 1, y: 2 } }),
  });
});

describe('serialize', () => {
  it('parse(serialize(design)) equals design for generated designs', () => {
    fc.assert(
      fc.property(designArb, (input) => {
        const first = parseDesign(dumpYaml(input), 'gen.arch.yaml');
        expect(first.problems.map((p) => p.message)).toEqual([]);
        const text = serializeDesign(first.design!);
        const second = parseDesign(text, 'gen.arch.yaml');
        expect(second.problems).toEqual([]);
        expect(second.design).toEqual(first.design);
      }),
      { numRuns: 150 },
    );
  });
});
