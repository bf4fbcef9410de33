// Seeded randomness for the simulator: one pure-rand stream per component, derived from
// (run seed, stable component id), so adding a node never shifts another node's draws and a
// what-if run shares its random inputs with the baseline (common random numbers). Also the
// samplers of the design format's latency distributions.
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Distribution } from '../model/index.js';

/** A uniform [0, 1) source. */
export interface Rng {
  next(): number;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** FNV-1a over UTF-16 code units, finished with murmur's mixer; stable across platforms. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

class PureRandStream implements Rng {
  constructor(private readonly g: RandomGenerator) {}
  next(): number {
    return uniformFloat64(this.g);
  }
}

/** The stream of component `id` in a run seeded with `seed`. */
export function streamFor(seed: number, id: string): Rng {
  const h = hashString(id, hashString(String(seed)));
  // Four well-mixed words: a weak seed word would leave xoroshiro's early outputs correlated.
  const state: number[] = [fmix32(h ^ 0x9e3779b9), fmix32(h + 0x632be5ab), fmix32(h ^ 0x7f4a7c15), fmix32(h + 0x1b873593)];
  if (!state.some((x) => x !== 0)) state[0] = 1;
  return new PureRandStream(xoroshiro128plusFromState(state));
}

const Z99 = 2.3263478740408408; // standard normal quantile at 0.99

/** A sampler for a latency distribution (ms); normal is truncated at 0 by resampling. */
export function sampler(d: Distribution): (r: Rng) => number {
  switch (d.dist) {
    case 'constant': {
      const v = d.value;
      return () => v;
    }
    case 'exponential': {
      const m = d.mean;
      return (r) => -m * Math.log(1 - r.next());
    }
    case 'uniform': {
      const lo = Math.min(d.min, d.max);
      const w = Math.abs(d.max - d.min);
      return (r) => lo + w * r.next();
    }
    case 'normal': {
      const { mean, sd } = d;
      return (r) => {
        for (let i = 0; i < 64; i++) {
          const x = mean + sd * gaussian(r);
          if (x >= 0) return x;
        }
        return 0;
      };
    }
    case 'lognormal': {
      if (d.p50 <= 0) return () => 0;
      const mu = Math.log(d.p50);
      const sigma = d.p99 > d.p50 ? (Math.log(d.p99) - mu) / Z99 : 0;
      return (r) => Math.exp(mu + sigma * gaussian(r));
    }
    case 'pareto': {
      const { min, alpha } = d;
      return (r) => min * Math.pow(1 - r.next(), -1 / alpha);
    }
  }
}

function gaussian(r: Rng): number {
  // Box-Muller, one value per call: caching the pair would tie a stream's draws to call order.
  const u = 1 - r.next();
  const v = r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
