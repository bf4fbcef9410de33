// Replaying a run: the states at chosen times equal what the run recorded (breaker transitions
// per caller replica, the limiter's and autoscaler's changes, each saga run's path), and keeping
// the record changes no figure of the results.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../../model/index.js';
import { designOf } from '../testing.js';
import { simulate } from '../simulate.js';
import { breakerRecordings, changeTimes, limiterRecording, sagaRecording, scalerRecording, stateAt, type Recording } from './replay.js';
import { sagaStateChart } from './chart.js';

const shop = parseDesign(readFileSync(new URL('../../../templates/e-commerce.arch.yaml', import.meta.url), 'utf8'), 'shop').design!;

/** At each change the new state holds; just before it, the old one (unless two changes coincide). */
function expectFollows(rec: Recording) {
  rec.changes.forEach((c, i) => {
    expect(stateAt(rec, c.at)).toBe(rec.changes.filter((d) => d.at === c.at).at(-1)!.to);
    const prev = rec.changes[i - 1];
    if (!prev || prev.at < c.at) expect(stateAt(rec, c.at - 0.0005)).toBe(c.from);
    if (prev) expect(c.from).toBe(prev.to); // a chain: every change starts where the last ended
  });
}

describe('stateAt', () => {
  const rec: Recording = {
    initial: 'closed',
    changes: [
      { at: 100, from: 'closed', to: 'open' },
      { at: 200, from: 'open', to: 'half_open' },
      { at: 250, from: 'half_open', to: 'closed' },
    ],
  };
  it('is the state after every change at or before t', () => {
    expect([0, 99.9, 100, 150, 200, 249, 250, 1e9].map((t) => stateAt(rec, t))).toEqual([
      'closed',
      'closed',
      'open',
      'open',
      'half_open',
      'half_open',
      'closed',
      'closed',
    ]);
    expect(changeTimes([rec, rec])).toEqual([100, 200, 250]);
  });
});

describe('replaying the payment outage', () => {
  const run = simulate(shop, { scenario: 'payment-outage', duration: 80_000, seed: 3, replay: true });

  it('keeps the record without changing a figure', () => {
    const plain = simulate(shop, { scenario: 'payment-outage', duration: 80_000, seed: 3 });
    const { replay, ...rest } = run;
    expect(replay).toBeDefined();
    expect(JSON.stringify({ ...rest, stats: { ...rest.stats, wallMs: 0 } })).toBe(
      JSON.stringify({ ...plain, stats: { ...plain.stats, wallMs: 0 } }),
    );
  });

  it('breakers: each caller replica’s state at each recorded transition is the transition’s', () => {
    const recs = breakerRecordings(run, 'checkout->payment-service');
    expect(recs.size).toBeGreaterThan(0);
    const all = run.calls['checkout->payment-service']!.breaker.transitions;
    for (const [replica, rec] of recs) {
      expectFollows(rec);
      for (const t of all.filter((x) => x.replica === replica))
        expect(stateAt(rec, t.at)).toBe(all.filter((x) => x.replica === replica && x.at === t.at).at(-1)!.to);
    }
    // The outage starts at 30 s: every breaker is closed before, and opens during it.
    for (const rec of recs.values()) {
      expect(stateAt(rec, 29_000)).toBe('closed');
      expect(rec.changes.some((c) => c.to === 'open' && c.at >= 30_000 && c.at <= 70_000)).toBe(true);
    }
  });

  it('sagas: each sampled run replays its steps and compensations, ending in its outcome', () => {
    const rec = run.replay!.sagas.checkout!;
    const saga = shop.nodes.checkout!;
    const chart = sagaStateChart(saga.kind === 'saga' ? saga.steps : []);
    const keys = new Set(chart.nodes.map((n) => n.key));
    expect(rec.runs.length).toBeGreaterThan(30); // spread over the run (a slot without a start has none)
    expect(rec.runs.some((r) => r.outcome === 'compensated')).toBe(true);
    for (const r of rec.runs) {
      const replay = sagaRecording(r);
      expectFollows(replay);
      for (const c of replay.changes) expect(keys.has(c.to)).toBe(true); // every state is on the chart
      expect(stateAt(replay, r.start - 1)).toBe('idle');
      // A step refused at once (an open breaker) and the compensation after it share an instant.
      r.steps.forEach((s, i) => {
        if (r.steps[i + 1]?.start !== s.start && r.end !== s.start)
          expect(stateAt(replay, s.start)).toBe(`${s.compensation ? 'compensating' : 'running'}#${s.step}`);
      });
      if (r.outcome) expect(stateAt(replay, r.end!)).toBe(r.outcome);
    }
    // A compensated checkout that charged: charge failed after reserve -> compensate reserve.
    const comp = rec.runs.find((r) => r.outcome === 'compensated' && r.steps.some((s) => s.compensation))!;
    expect(comp.steps.map((s) => [s.step, s.compensation, s.ok])).toEqual([
      [0, false, true],
      [1, false, false],
      [0, true, true],
    ]);
    // Paths count every finished run, the warmup's too (the results count those after it).
    const counted = run.sagas.checkout!;
    const total = rec.paths.reduce((a, p) => a + p.count, 0);
    expect(total).toBeGreaterThanOrEqual(counted.completed + counted.compensated + counted.failed);
  });
});

describe('replaying a rate limit and an autoscaler', () => {
  const design = designOf({
    version: 1,
    name: 'limits',
    nodes: {
      web: { kind: 'client', rate: 300, requests: [{ to: 'gw', route: '/a' }] },
      gw: { kind: 'gateway', rateLimit: 200, concurrency: 512, latency: '1ms', routes: [{ path: '/a', to: 'svc' }] },
      svc: { kind: 'service', concurrency: 4, latency: '20ms', autoscale: { min: 1, max: 4, cpu: '50%', startup: '5s' } },
    },
  });
  const run = simulate(design, { duration: 40_000, seed: 2, replay: true });

  it('the gateway’s bucket runs dry when requests are refused', () => {
    const rec = limiterRecording(run, 'gw')!;
    expect(run.requests.byCause.rateLimited).toBeGreaterThan(0);
    expect(rec.changes.some((c) => c.to === 'exhausted')).toBe(true);
    expectFollows(rec);
    expect(stateAt(rec, 0)).toBe('available');
  });

  it('the autoscaler is starting right after each scale-up from steady, and steady when the replicas serve', () => {
    const rec = scalerRecording(run, 'svc')!;
    expectFollows(rec);
    const scale = run.nodes.svc!.scale!;
    const ups = rec.changes.filter((x) => x.to === 'starting');
    expect(ups.length).toBeGreaterThan(0);
    for (const c of ups) {
      const ev = scale.find((s) => s.at === c.at);
      expect(ev && ev.to > ev.from).toBe(true);
    }
    // Back to steady once the new replica serves: `startup` (5 s) after its scale-up at the latest.
    for (const c of rec.changes.filter((x) => x.to === 'steady')) {
      const last = scale.filter((s) => s.at < c.at && s.to > s.from).at(-1)!;
      expect(c.at - last.at).toBeCloseTo(5000, 0);
    }
  });
});

describe('the replay starts at t = 0, the results after the warmup', () => {
  // The breaker opens at 2410 ms (the 5th failure of the outage that starts at 2 s), turns
  // half-open at 7500 ms, its trial fails, and it closes at 12610 ms after the outage: the first
  // three changes fall in the 10 s warmup.
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
    scenarios: { warm: { duration: 20_000, warmup: 10_000, faults: [{ node: 's', at: 2_000, for: 10_000, errorRate: 1 }] } },
  });
  const run = simulate(design, { scenario: 'warm', replay: true });

  it('a breaker that opened during the warmup is open then in the replay, and absent from the results', () => {
    const rec = breakerRecordings(run, 'c->s').get(0)!;
    expect(rec.initial).toBe('closed');
    expect(rec.changes.map((c) => [c.at, c.to])).toEqual([
      [2410, 'open'],
      [7500, 'half_open'],
      [7510, 'open'],
      [12600, 'half_open'],
      [12610, 'closed'],
    ]);
    expect(stateAt(rec, 1000)).toBe('closed');
    expect(stateAt(rec, 5000)).toBe('open');
    expect(stateAt(rec, 11_000)).toBe('open');
    expect(stateAt(rec, 15_000)).toBe('closed');
    // The results JSON: only what happened after the warmup.
    expect(run.calls['c->s']!.breaker.transitions).toEqual([
      { at: 12600, replica: 0, from: 'open', to: 'half_open' },
      { at: 12610, replica: 0, from: 'half_open', to: 'closed' },
    ]);
  });

  it('the record changes no figure of the results', () => {
    const plain = simulate(design, { scenario: 'warm' });
    const { replay, ...rest } = run;
    expect(replay!.breakers['c->s']!.dropped).toBe(0);
    expect(JSON.stringify({ ...rest, stats: { ...rest.stats, wallMs: 0 } })).toBe(
      JSON.stringify({ ...plain, stats: { ...plain.stats, wallMs: 0 } }),
    );
  });
});
