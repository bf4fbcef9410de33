// The chart's fit: to the panel, never above 100 %, never below the scale that keeps the
// smallest text at 11 px (a taller chart scrolls instead).
import { describe, expect, it } from 'vitest';
import { CHART_FONT, CHART_MIN_FIT } from '../../engine/index';
import { fitScale } from './ChartViewport';

describe('fitScale', () => {
  it('shows a small chart at 100 %, shrinks a wide one, never below 11 px text', () => {
    expect(fitScale({ width: 1400, height: 340 }, { width: 900, height: 300 })).toBe(1);
    expect(fitScale({ width: 1400, height: 340 }, { width: 1480, height: 300 })).toBeCloseTo(1400 / 1480);
    const tall = fitScale({ width: 1400, height: 340 }, { width: 900, height: 1200 });
    expect(tall).toBe(CHART_MIN_FIT);
    expect(Math.min(CHART_FONT.label, CHART_FONT.line, CHART_FONT.title) * tall).toBeGreaterThanOrEqual(11);
  });
  it('is 100 % before the panel is measured', () => {
    expect(fitScale({ width: 0, height: 0 }, { width: 900, height: 300 })).toBe(1);
  });
});
