// The mean of a latency distribution (ms): what capacity estimates and tests expect of the
// simulator's draws. Infinite when the distribution has no finite mean (pareto with alpha <= 1).
import type { Distribution } from './schema.js';

const LOGNORMAL_Z99 = 2.3263;

export function meanOf(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return truncatedNormalMean(d.mean, d.sd);
    case 'lognormal': {
      if (d.p50 <= 0) return 0;
      const sigma = Math.log(Math.max(d.p99, d.p50) / d.p50) / LOGNORMAL_Z99;
      return d.p50 * Math.exp((sigma * sigma) / 2);
    }
    case 'pareto':
      return d.alpha > 1 ? (d.alpha * d.min) / (d.alpha - 1) : Infinity;
  }
}

// The simulator truncates the normal at 0, which raises the mean when sd is large next to it.
function truncatedNormalMean(mu: number, sd: number): number {
  if (sd <= 0) return Math.max(0, mu);
  const a = -mu / sd;
  const tail = 1 - phiCdf(a);
  if (tail < 1e-12) return 0;
  return mu + (sd * phiPdf(a)) / tail;
}

function phiPdf(x: number): number {
  return Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
}

function phiCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

// Abramowitz and Stegun 7.1.26: accurate to 1.5e-7, plenty for a capacity estimate.
function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return s * y;
}
