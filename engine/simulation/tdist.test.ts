// The t quantile against published values (R's qt / @stdlib), to 1e-9 relative.
import { describe, expect, it } from 'vitest';
import { tCdf, tQuantile } from './tdist.js';

describe('Student t', () => {
  it('quantiles match published values', () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.706204736174694],
      [0.975, 2, 4.302652729749462],
      [0.975, 4, 2.776445105197794],
      [0.975, 9, 2.262157162798205],
      [0.975, 29, 2.045229642132704],
      [0.975, 99, 1.9842169515864172],
      [0.975, 1000, 1.9623390808264078],
      [0.95, 3, 2.3533634348018224],
      [0.995, 5, 4.032142983555228],
      [0.9, 7, 1.414923927650509],
    ];
    for (const [p, df, q] of cases) expect(Math.abs(tQuantile(p, df) - q) / q).toBeLessThan(1e-9);
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.776445105197794, 9);
    expect(tCdf(0, 3)).toBe(0.5);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
  });
});
