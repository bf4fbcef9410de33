import { describe, expect, it } from 'vitest';
import { aggregateSweep, parseDesign, runSweepOne, sweepPlan, type SweepOptions, type SweepResult } from '../../engine/index';
import { kneeText, sweepSeries, targetLines } from './capacity';

function sweep(yaml: string, options: SweepOptions): SweepResult {
  const design = parseDesign(yaml, 'mm1.arch.yaml').design!;
  return aggregateSweep(
    design,
    options,
    sweepPlan(options, design).map((run) => runSweepOne(design, options, run)),
  );
}

// One M/M/1 server: 10 ms mean service, so utilization = 0.4 x the multiplier.
const MM1 = (slo: string) => `
name: mm1
nodes:
  web: { kind: client, rate: 40, ${slo} requests: [ { to: api } ] }
  api: { kind: service, concurrency: 1, queue: 100000, latency: { dist: exponential, mean: 10ms } }
`;
const options: SweepOptions = { traffic: [0.5, 3], steps: 6, replications: 2, duration: 10_000 };

describe('the capacity view of a sweep', () => {
  it('charts each figure with its interval and marks the knee where utilization crosses 0.9', () => {
    const r = sweep(MM1(''), options);
    const [x, mean, lo, hi] = sweepSeries(r, 'errorRate');
    expect(x).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(mean!.every((m, i) => lo![i]! <= m && m <= hi![i]!)).toBe(true);
    const p99 = sweepSeries(r, 'p99');
    expect(p99[1]![5]!).toBeGreaterThan(p99[1]![0]!);
    // Without objectives the error chart shows the knee's own 1 % bound.
    expect(targetLines(r, 'errorRate')).toEqual([{ label: 'knee bound: 1 % errors', value: 1 }]);
    expect(targetLines(r, 'p99')).toEqual([]);
    // 0.4 x 2 = 0.8 < 0.9 <= 0.4 x 2.5.
    expect(r.knee).toEqual({ traffic: 2, saturates: 'api' });
    expect(kneeText(r)).toEqual({
      tone: 'warn',
      text: expect.stringMatching(
        /^Knee at ×2: under 1 % errors and no node at 90 % utilization, in every replication up to 2× traffic; at ×2\.5 it is not, and the busiest node there is api \(9\d\.\d % utilization\)\.$/,
      ),
    });
  });

  it('draws the objectives as lines and says when they hold everywhere', () => {
    const r = sweep(MM1('slo: { p99: 10s, errorRate: 50% },'), { ...options, traffic: [0.5, 1], steps: 2 });
    expect(targetLines(r, 'p99')).toEqual([{ label: 'web p99 ≤ 10.00 s', value: 10_000 }]);
    expect(targetLines(r, 'errorRate')).toEqual([{ label: 'web error rate ≤ 50.0 %', value: 50 }]);
    expect(kneeText(r)).toMatchObject({
      tone: 'ok',
      text: expect.stringMatching(/^No knee up to ×1: every objective met in every replication at every multiplier swept/),
    });
  });

  it('says when even the smallest multiplier fails', () => {
    const r = sweep(MM1('slo: { p99: 1ms },'), { ...options, traffic: [1, 2], steps: 2 });
    expect(r.knee).toBeNull();
    expect(kneeText(r)).toMatchObject({ tone: 'bad', text: expect.stringMatching(/^No knee: already at ×1, the smallest multiplier/) });
  });
});
