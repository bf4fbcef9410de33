import { describe, expect, it } from 'vitest';
import { parseDesign, simulate, type NodeResult, type SimulationResult } from '../../engine/index';
import { faultWindows } from './faults';
import { testResult } from './testResult';
import { verdict } from './verdict';

const YAML = `
name: shop
nodes:
  web: { kind: client, rate: 50, requests: [ { to: api } ] }
  api: { kind: service, latency: 10ms, calls: [ { to: pay, breaker: { failureRate: 50%, window: 10, openFor: 5s } } ] }
  pay: { kind: service, latency: 5ms }
scenarios:
  outage:
    duration: 120s
    faults:
      - { node: pay, at: 30s, for: 40s, errorRate: 100% }
      - { call: api -> pay, at: 100s, delay: 200ms }
`;
const design = parseDesign(YAML, 'shop.arch.yaml').design!;

function node(utilization: number[], over: Partial<NodeResult> = {}): NodeResult {
  const mean = utilization.reduce((a, b) => a + b, 0) / utilization.length;
  return {
    arrivals: 100,
    completed: 100,
    failed: 0,
    utilization: mean,
    meanQueue: 0,
    maxQueue: 0,
    latency: { mean: 1, p50: 1, p90: 1, p95: 1, p99: 1, max: 1 },
    replicas: { min: 1, max: 1, final: 1 },
    backlog: { max: 0, final: 0 },
    dlq: 0,
    series: { utilization, inFlight: utilization.map(() => 0), replicas: utilization.map(() => 1), backlog: utilization.map(() => 0) },
    ...over,
  };
}

const points = (failed: (i: number) => number, n = 120) =>
  Array.from({ length: n }, (_, i) => ({ t: i * 1000, rps: 50, ok: 50 - failed(i), failed: failed(i), p50: 10, p99: 20 }));

describe('fault windows', () => {
  it('reads the scenario faults, clipped to the run, in words', () => {
    const w = faultWindows(design, { scenario: 'outage', duration: 120_000 });
    expect(w).toEqual([
      { start: 30_000, end: 70_000, target: 'pay', what: 'errors 100 %', label: 'pay errors 100 % 30–70 s' },
      { start: 100_000, end: 120_000, target: 'api → pay', what: '+200 ms delay', label: 'api → pay +200 ms delay 100–120 s' },
    ]);
    // A shorter run leaves out what starts after its end.
    expect(faultWindows(design, { scenario: 'outage', duration: 60_000 }).map((f) => f.end)).toEqual([60_000]);
    expect(faultWindows(design, { scenario: null, duration: 60_000 })).toEqual([]);
  });
});

describe('the verdict of a run', () => {
  it('says each objective met or missed with its value and target', () => {
    const r = {
      ...testResult(),
      clients: {
        web: {
          requests: [
            { to: 'gateway', route: '/checkout', op: null, total: 1, ok: 1, failed: 0, latency: testResult().latency },
            { to: 'gateway', route: '/products', op: null, total: 1, ok: 1, failed: 0, latency: testResult().latency },
          ],
        },
      },
      slos: [
        { client: 'web', request: 0, objective: 'p99', target: 800, value: 912.4, met: false },
        { client: 'web', request: 0, objective: 'errorRate', target: 0.001, value: 0.0004, met: true },
        { client: 'web', request: 1, objective: 'p50', target: 200, value: null, met: false },
      ],
    } as SimulationResult;
    const v = verdict(r, null);
    expect(v.headline).toMatchObject({ tone: 'bad', text: 'Missed 2 of 3 objectives' });
    // Missed first.
    expect(v.slos.map((s) => [s.tone, s.text])).toEqual([
      ['bad', 'web → /checkout p99 912 ms: missed (target 800 ms)'],
      ['bad', 'web → /products p50: missed — no request finished (target 200 ms)'],
      ['ok', 'web → /checkout error rate 0.040 %: met (target 0.10 %)'],
    ]);
  });

  it('names the first node to reach 90 % utilization, and otherwise the busiest', () => {
    const ramp = (from: number) => Array.from({ length: 60 }, (_, i) => (i < from ? 0.5 : 0.95));
    const hot = testResult({ nodes: { a: node(ramp(40)), b: node(ramp(12)), c: node(ramp(99)) } });
    expect(verdict(hot, null).saturation).toMatchObject({
      tone: 'bad',
      text: 'b saturated first: utilization reached 90.0 % at 12 s (peak 95.0 %); 1 other node too',
    });
    const calm = testResult({ nodes: { a: node([0.2, 0.4]), b: node([0.3, 0.35]) } });
    expect(verdict(calm, null).saturation).toMatchObject({
      tone: 'ok',
      text: 'No node saturated: the busiest, a, peaked at 40.0 % utilization (mean 30.0 %)',
    });
    expect(verdict(calm, null).headline.text).toMatch(/^No objectives set: 5.00 % of requests failed, p99 200 ms$/);
  });

  it('says what failed, when and why: the fault, the failing window past it, the breakers that stayed open', () => {
    // Requests fail from 30 s until 91 s; the fault ends at 70 s; the breaker closes at 91.2 s.
    const r = testResult({
      scenario: 'outage',
      duration: 120_000,
      series: { interval: 1000, points: points((i) => (i >= 30 && i < 91 ? 20 : 0)) },
      requests: { total: 6000, ok: 4780, failed: 1220, byCause: { ...testResult().requests.byCause, error: 200, breakerOpen: 1020 } },
      calls: {
        'api->pay': {
          attempts: 6000,
          retries: 0,
          ok: 4780,
          failed: 1220,
          byCause: { error: 200, breakerOpen: 1020 },
          breaker: {
            slow: 0,
            transitions: [
              { at: 30_900, replica: 0, from: 'closed', to: 'open' },
              { at: 80_000, replica: 0, from: 'open', to: 'half_open' },
              { at: 91_200, replica: 0, from: 'half_open', to: 'closed' },
            ],
          },
        },
      },
    });
    const texts = verdict(r, design).failures.map((l) => l.text);
    expect(texts).toContain('pay errors 100 % 30–70 s (fault)');
    expect(texts).toContain(
      'Requests failed 30–91 s: 1,220 of 3,050 (up to 40.0 % per second), during the pay fault (errors 100 %) and 21 s past its end',
    );
    expect(texts).toContain(
      'api → pay breakers opened at 30.9 s during the pay fault (errors 100 %) and stayed open until 91.2 s (21.2 s after the fault ended)',
    );
    expect(texts).toContain('1,220 requests failed in all (20.3 %): breaker open 1,020, error 200');
    expect(texts).toContain('api → pay failed 20.3 % of its calls (breaker open 1,020, error 200)');
  });

  it('names the node that turned requests away, and how', () => {
    const call = (byCause: Record<string, number>) => ({
      attempts: 100,
      retries: 0,
      ok: 90,
      failed: 10,
      byCause,
      breaker: { slow: 0, transitions: [] },
    });
    const r = testResult({ calls: { 'web->gateway': call({ rateLimited: 7 }), 'gateway->orders': call({ rejected: 3, noReplica: 1 }) } });
    const texts = verdict(r, null).failures.map((l) => l.text);
    expect(texts).toContain('gateway rate limited 7 tries (429)');
    expect(texts).toContain('orders rejected 3 tries with a full queue (503), had no replica for 1 try');
  });

  it('calls a quiet run a quiet run', () => {
    const r = testResult({
      requests: { total: 1000, ok: 1000, failed: 0, byCause: { ...testResult().requests.byCause, error: 0, breakerOpen: 0 } },
    });
    const v = verdict(r, null);
    expect(v.headline).toMatchObject({ tone: 'ok' });
    expect(v.failures).toEqual([]);
  });

  it('reads a real run: the outage scenario of a small design', () => {
    const r = simulate(design, { scenario: 'outage', seed: 1 });
    const v = verdict(r, design);
    const texts = v.failures.map((l) => l.text).join('\n');
    expect(texts).toMatch(/pay errors 100 % 30–70 s \(fault\)/);
    expect(texts).toMatch(/Requests failed 3\d–\d+ s: .* during the pay fault \(errors 100 %\)/);
    expect(texts).toMatch(/api → pay breakers opened at 3\d(\.\d)? s during the pay fault \(errors 100 %\)/);
  });
});
