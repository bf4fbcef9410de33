// Streaming statistics: latency summaries from an HDR histogram (microsecond resolution, three
// significant digits: percentiles within 0.1 %) with the exact mean and max kept beside it.
// Memory is fixed per histogram whatever the run length.
import type { Histogram } from 'hdr-histogram-js';
import Float64HistogramModule from 'hdr-histogram-js/dist/Float64Histogram.js';

// The histogram class from its own module: the package's index also loads its compression
// code, which probes for zlib with eval() and so breaks the app's Content-Security-Policy.
// The module is CommonJS with __esModule: bundlers hand over the class, Node { default: class }.
type HistogramClass = new (lowest: number, highest: number, digits: number) => Histogram;
const Float64Histogram = ((Float64HistogramModule as unknown as { default?: HistogramClass }).default ??
  Float64HistogramModule) as unknown as HistogramClass;
import type { LatencySummary } from './result.js';

interface HdrInternals {
  subBucketHalfCountMagnitude: number;
  subBucketHalfCount: number;
  unitMagnitude: number;
}

/**
 * The library's histogram with its bucket index computed in integer arithmetic (clz32, shifts)
 * instead of log2/pow: the same index for every value below 2^31 (the library's own formula
 * above that), at a fraction of the cost on the simulator's hot path (~9 records a request).
 */
class FastHistogram extends Float64Histogram {
  countsArrayIndex(value: number): number {
    const self = this as unknown as HdrInternals;
    if (value >= 0 && value < 2147483648 && value === Math.floor(value)) {
      const shm = self.subBucketHalfCountMagnitude;
      const unit = self.unitMagnitude;
      let bucket = 31 - Math.clz32(value) - shm - unit;
      if (bucket < 0) bucket = 0;
      const sub = value >>> (bucket + unit);
      return ((bucket + 1) << shm) + sub - self.subBucketHalfCount;
    }
    return (Float64Histogram.prototype as unknown as { countsArrayIndex(v: number): number }).countsArrayIndex.call(this, value);
  }
}

/** Rounds to the microsecond so the JSON is short and stable. */
export function r3(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0;
}

// The bucket layout of FastHistogram(1, 2, 3), read from an instance.
const LAYOUT = new FastHistogram(1, 2, 3) as unknown as HdrInternals;
const SHM = LAYOUT.subBucketHalfCountMagnitude;
const HALF = LAYOUT.subBucketHalfCount;
const UNIT = LAYOUT.unitMagnitude;

/** The lowest value of a bucket index (the library's valueFromIndex). */
function valueFromIndex(i: number): number {
  let bucket = Math.floor(i / HALF) - 1;
  let sub = (i % HALF) + HALF;
  if (bucket < 0) {
    sub -= HALF;
    bucket = 0;
  }
  return sub * Math.pow(2, bucket + UNIT);
}

/**
 * A latency summary. Recording (~9 a simulated request) only counts the value at the HDR
 * histogram's own bucket index in a plain typed array; the counts move into the library's
 * histogram when a percentile is read, so the percentiles are exactly the library's.
 */
export class LatencyStat {
  private h: Histogram | null = null;
  /** Counts since the last move into h, by h's bucket index. */
  private counts: Uint32Array | null = null;
  private pending = 0;
  count = 0;
  sum = 0;
  max = 0;

  record(ms: number): void {
    const v = ms > 0 ? ms : 0;
    const us = Math.round(v * 1000);
    if (us < 2147483648) {
      let bucket = 31 - Math.clz32(us) - SHM - UNIT;
      if (bucket < 0) bucket = 0;
      const i = ((bucket + 1) << SHM) + (us >>> (bucket + UNIT)) - HALF;
      let c = this.counts;
      if (c === null || i >= c.length) c = this.grow(i);
      c[i]!++;
      this.pending++;
    } else this.histogram().recordValue(us);
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  private grow(i: number): Uint32Array {
    // Whole buckets, as the library sizes its own counts.
    const len = Math.max(2 * HALF, ((i >> SHM) + 1) << SHM, this.counts === null ? 0 : 2 * this.counts.length);
    const c = new Uint32Array(len);
    if (this.counts !== null) c.set(this.counts);
    return (this.counts = c);
  }

  private histogram(): Histogram {
    if (this.h === null) {
      this.h = new FastHistogram(1, 2, 3);
      this.h.autoResize = true;
    }
    return this.h;
  }

  /** The library's histogram with every count recorded so far. */
  private settled(): Histogram {
    const h = this.histogram();
    if (this.pending > 0) {
      const c = this.counts!;
      for (let i = 0; i < c.length; i++) if (c[i]! > 0) h.recordValueWithCount(valueFromIndex(i), c[i]!);
      c.fill(0);
      this.pending = 0;
    }
    return h;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    // The histogram's equivalent values may overshoot the true max by the bucket width.
    return Math.min(this.settled().getValueAtPercentile(p) / 1000, this.max);
  }

  reset(): void {
    this.h?.reset();
    this.counts?.fill(0);
    this.pending = 0;
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }

  summary(): LatencySummary {
    if (this.count === 0) return { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
    return {
      mean: r3(this.sum / this.count),
      p50: r3(this.percentile(50)),
      p90: r3(this.percentile(90)),
      p95: r3(this.percentile(95)),
      p99: r3(this.percentile(99)),
      max: r3(this.max),
    };
  }
}
