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
    stat.percentile(50);
    const fast = (stat as unknown as { h: Indexer }).h;
    const values: number[] = [];
    for (let v = 0; v < 70_000; v++) values.push(v);
    for (let k = 0; k < 31; k++) for (let d = -3; d <= 3; d++) if (2 ** k + d >= 0) values.push(2 ** k + d);
    for (let i = 0; i < 20_000; i++) values.push(Math.floor(((i * 2654435761) % 4294967296) / 2));
    values.push(2 ** 31, 2 ** 40 + 5, 3 * 2 ** 45);
    for (const v of values) expect(fast.countsArrayIndex(v)).toBe(lib.countsArrayIndex(v));
  });

  it('gives exactly the percentiles of the library histogram recording every value itself', () => {
    type Lib = Indexer & { recordValue(v: number): void; getValueAtPercentile(p: number): number; reset(): void };
    const lib = new (Lib as unknown as new (a: number, b: number, c: number) => Lib)(1, 2, 3);
    lib.autoResize = true;
    const s = new LatencyStat();
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let round = 0; round < 3; round++) {
      // Small, large (well past 2^31 us) and zero latencies; percentiles read midway (counts move
      // into the histogram) and after more records; then a reset, as the series' second does.
      for (let i = 0; i < 30_000; i++) {
        const u = rnd();
        const ms = u < 0.01 ? 0 : u < 0.02 ? 3e6 * rnd() : u < 0.5 ? -Math.log(rnd()) * 5 : 2 ** (rnd() * 24);
        s.record(ms);
        lib.recordValue(Math.round(ms * 1000));
        if (i === 10_000) for (const p of [50, 99]) expect(s.percentile(p)).toBe(Math.min(lib.getValueAtPercentile(p) / 1000, s.max));
      }
      for (const p of [0, 1, 50, 90, 95, 99, 99.9, 100]) expect(s.percentile(p)).toBe(Math.min(lib.getValueAtPercentile(p) / 1000, s.max));
      s.reset();
      lib.reset();
    }
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
