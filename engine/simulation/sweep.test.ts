// Sweeps against queueing theory: Student-t intervals that cover the true mean about 95 % of
// the time, and the knee of a single M/M/1 service where its utilization (or an SLO) crosses
// the bound. Runs are short (10-20 s simulated) so the whole file stays a few seconds.
import { describe, expect, it } from 'vitest';
import { aggregateSweep, meanInterval, runSweepOne, sweepPlan, type SweepOptions } from './sweep.js';
import { designOf } from './testing.js';

// mu = 100/s; the client's base rate times the multiplier is lambda.
function mm1(rate: number, slo?: object, extra: object = {}) {
  return designOf({
    name: 'mm1',
    nodes: {
      web: { kind: 'client', rate, ...(slo ? { slo } : {}), requests: [{ to: 's' }] },
      s: { kind: 'service', concurrency: 1, queue: 100000, latency: { dist: 'exponential', mean: 10 } },
    },
    ...extra,
  });
}

function sweep(design: ReturnType<typeof mm1>, opts: SweepOptions) {
  return aggregateSweep(
    design,
    opts,
    sweepPlan(opts, design).map((r) => runSweepOne(design, opts, r)),
  );
}

describe('sweep plan', () => {
  it('steps evenly over A..B, both ends; replications use seeds seed, seed+1, ...', () => {
    const plan = sweepPlan({ traffic: [1, 2], steps: 3, replications: 2, seed: 10 });
    expect(plan).toEqual([
      { index: 0, traffic: 1, replication: 0, seed: 10 },
      { index: 1, traffic: 1, replication: 1, seed: 11 },
      { index: 2, traffic: 1.5, replication: 0, seed: 10 },
      { index: 3, traffic: 1.5, replication: 1, seed: 11 },
      { index: 4, traffic: 2, replication: 0, seed: 10 },
      { index: 5, traffic: 2, replication: 1, seed: 11 },
    ]);
    expect(sweepPlan({}).map((r) => r.traffic)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4].flatMap((m) => [m, m, m, m, m]));
    const d = mm1(1, undefined, { scenarios: { s: { seed: 42 } } });
    expect(sweepPlan({ scenario: 's', steps: 2 }, d)[0]!.seed).toBe(42);
  });

  it('refuses bad options, naming the option and what is expected', () => {
    expect(() => sweepPlan({ steps: 0 })).toThrow(/steps: expected a whole number from 1 to 100, got 0/);
    expect(() => sweepPlan({ traffic: [4, 0.5] })).toThrow(/traffic: expected multipliers A\.\.B with 0 < A <= B/);
    expect(() => sweepPlan({ traffic: [0, 1] })).toThrow(/0 < A/);
    expect(() => sweepPlan({ replications: 10000 })).toThrow(/replications: expected a whole number from 1 to 1000, got 10000/);
    expect(() => sweepPlan({ steps: 100, replications: 1000 })).toThrow(/at most 10000 runs/);
    expect(() => sweepPlan({ steps: 1, traffic: [1, 2] })).toThrow(/steps: 1 step/);
  });

  it('the multiplier applies on top of a scenario and scales closed-loop users', () => {
    const d = mm1(10, undefined, { scenarios: { double: { traffic: { web: 2 }, duration: '20s' } } });
    const opts: SweepOptions = { scenario: 'double', traffic: [1.5, 1.5], steps: 1, replications: 1 };
    const one = runSweepOne(d, opts, sweepPlan(opts, d)[0]!);
    expect(one.throughput).toBeGreaterThan(25);
    expect(one.throughput).toBeLessThan(35);
    const closed = designOf({
      name: 'closed',
      nodes: {
        u: { kind: 'client', users: 4, think: '100ms', requests: [{ to: 's' }] },
        s: { kind: 'service', concurrency: 100, latency: 0 },
      },
    });
    const o2: SweepOptions = { traffic: [0.5, 2], steps: 2, replications: 1, duration: 10_000 };
    const [half, twice] = sweepPlan(o2).map((r) => runSweepOne(closed, o2, r));
    // X = N / (R + Z) with R = 0: 2 users -> 20/s, 8 users -> 80/s.
    expect(half!.throughput).toBeCloseTo(20, 0);
    expect(twice!.throughput).toBeCloseTo(80, 0);
  });
});

describe('intervals', () => {
  it('Student-t: mean +- t(0.975, n-1) s / sqrt(n); one replication gives a point', () => {
    // s = sqrt(2.5), t(0.975, 4) = 2.776445
    const iv = meanInterval([1, 2, 3, 4, 5]);
    expect(iv.mean).toBe(3);
    expect(iv.ci[1] - 3).toBeCloseTo((2.776445105 * Math.sqrt(2.5)) / Math.sqrt(5), 5);
    expect(meanInterval([7])).toEqual({ mean: 7, ci: [7, 7] });
  });

  it('cover the true mean of an M/M/1 in about 95 % of repeated sweeps, and are not wider than they should be', () => {
    // 60 independent sweeps (seed bases 1000 apart) of 5 replications at lambda 60/s, mu 100/s.
    // Throughput's true mean: lambda less the requests still in the system at the end, L / T
    // with L = rho / (1 - rho); the median response time is ln 2 / (mu - lambda).
    const lambda = 60;
    const rho = lambda / 100;
    const trueThroughput = lambda - rho / (1 - rho) / 10;
    const trueP50 = (Math.log(2) / (100 - lambda)) * 1000;
    let thr = 0;
    let p50 = 0;
    const means: number[] = [];
    const halves: number[] = [];
    const d = mm1(20);
    for (let k = 0; k < 60; k++) {
      const r = sweep(d, { traffic: [3, 3], steps: 1, replications: 5, seed: 1 + 1000 * k, duration: 10_000 });
      const p = r.points[0]!;
      if (p.throughput.ci[0] <= trueThroughput && trueThroughput <= p.throughput.ci[1]) thr++;
      if (p.p50.ci[0] <= trueP50 && trueP50 <= p.p50.ci[1]) p50++;
      means.push(p.throughput.mean);
      halves.push((p.throughput.ci[1] - p.throughput.ci[0]) / 2);
    }
    expect(thr / 60).toBeGreaterThanOrEqual(0.85);
    expect(p50 / 60).toBeGreaterThanOrEqual(0.85);
    // A 95 % interval of 5 replications is about 2.6 standard errors wide each side on average
    // (t(0.975, 4) E[s] / sigma); the standard error measured as the spread of the 60 means.
    const avg = means.reduce((a, b) => a + b, 0) / 60;
    const se = Math.sqrt(means.reduce((a, b) => a + (b - avg) ** 2, 0) / 59);
    const ratio = halves.reduce((a, b) => a + b, 0) / 60 / se;
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(3.5);
  });
});

describe('the knee', () => {
  // Multipliers 1.5, 3.5, 5.5, 7.5, 9.5 of 10/s: utilization 0.15 ... 0.95.
  const grid: SweepOptions = { traffic: [1.5, 9.5], steps: 5, replications: 3, duration: 20_000 };

  it('without SLOs: the last multiplier before utilization reaches 0.9', () => {
    const r = sweep(mm1(10), grid);
    expect(r.points.map((p) => p.traffic)).toEqual([1.5, 3.5, 5.5, 7.5, 9.5]);
    expect(r.points.map((p) => Math.round(p.busiest!.utilization * 20) / 20)).toEqual([0.15, 0.35, 0.55, 0.75, 0.95]);
    expect(r.knee).toEqual({ traffic: 7.5, saturates: 's' });
    expect(r.stats.runs).toBe(15);
    expect(r.replications).toBe(3);
  });

  it('with an SLO: the last multiplier whose p99 meets it in every replication', () => {
    // p99 = ln 100 / (mu - lambda): 102 ms at lambda 55/s, 184 ms at 75/s; the target 140 ms.
    // 200 s runs: near saturation a 20 s run's p99 falls well short of the steady state (at
    // 75/s it measured 119-136 ms), as busy periods are long and rare.
    const r = sweep(mm1(10, { p99: '140ms' }), { ...grid, duration: 200_000 });
    expect(r.knee).toEqual({ traffic: 5.5, saturates: 's' });
    expect(r.points.map((p) => p.slos[0]!.met)).toEqual([1, 1, 1, 0, 0]);
    const at = r.points[2]!.slos[0]!;
    expect(at).toMatchObject({ client: 'web', request: 0, objective: 'p99', target: 140 });
    expect(at.value!.mean).toBeGreaterThan(80);
    expect(at.value!.mean).toBeLessThan(125);
  });

  it('null when the smallest multiplier fails; the largest when none does (saturates at the knee)', () => {
    expect(sweep(mm1(10, { p99: '1ms' }), grid).knee).toBeNull();
    const easy = sweep(mm1(10, { p99: '10s' }), grid);
    expect(easy.knee).toEqual({ traffic: 9.5, saturates: 's' });
  });
});
