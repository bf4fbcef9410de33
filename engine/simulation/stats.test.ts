// The latency statistic's histogram computes bucket indexes in integer arithmetic: it must give
// the library's index for every value, so percentiles are exactly the library's.
import { describe, expect, it } from 'vitest';
import Float64HistogramModule from 'hdr-histogram-js/dist/Float64Histogram.js';
import { LatencyStat } from './stats.js';

type Indexer = { countsArrayIndex(v: number): number; autoResize: boolean };
const Lib = ((Float64HistogramModule as unknown as { default?: unknown }).default ?? Float64HistogramModule) as new (
  a: number,
  b: number,
  c: number,
) => Indexer;

describe('LatencyStat', () => {
  it('indexes values exactly as hdr-histogram-js does', () => {
    const lib = new Lib(1, 2, 3);
    const stat = new LatencyStat();
    stat.record(1);
    const fast = (stat as unknown as { h: Indexer }).h;
    const values: number[] = [];
    for (let v = 0; v < 70_000; v++) values.push(v);
    for (let k = 0; k < 31; k++) for (let d = -3; d <= 3; d++) if (2 ** k + d >= 0) values.push(2 ** k + d);
    for (let i = 0; i < 20_000; i++) values.push(Math.floor(((i * 2654435761) % 4294967296) / 2));
    values.push(2 ** 31, 2 ** 40 + 5, 3 * 2 ** 45);
    for (const v of values) expect(fast.countsArrayIndex(v)).toBe(lib.countsArrayIndex(v));
  });

  it('percentiles within the bucket width, max exact', () => {
    const s = new LatencyStat();
    for (let i = 1; i <= 10_000; i++) s.record(i / 10);
    const sum = s.summary();
    expect(sum.max).toBe(1000);
    expect(Math.abs(sum.p50 - 500) / 500).toBeLessThan(0.001);
    expect(Math.abs(sum.p99 - 990) / 990).toBeLessThan(0.001);
    expect(sum.mean).toBeCloseTo(500.05, 6);
  });
});
