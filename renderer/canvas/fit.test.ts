import { describe, expect, it } from 'vitest';
import { fitViewport, READABLE_ZOOM } from './fit';

const pad = { left: 50, right: 230, top: 16, bottom: 16 };

describe('the first fit', () => {
  it('fits a small design whole, centred in the box the controls and minimap leave free', () => {
    const v = fitViewport({ width: 1000, height: 600, bounds: { x: 0, y: 0, width: 360, height: 200 }, entry: null, pad });
    expect(v.zoom).toBe(1.2);
    // Centred between the controls' strip (50 px) and the minimap's (230 px).
    const left = v.x;
    const right = v.x + 360 * v.zoom;
    expect(left - pad.left).toBeCloseTo(1000 - pad.right - right, 5);
    expect(right).toBeLessThanOrEqual(1000 - pad.right);
  });

  it('never zooms below readable: shows the entry points and leaves the rest to the minimap', () => {
    const v = fitViewport({
      width: 900,
      height: 360,
      bounds: { x: 0, y: 0, width: 2400, height: 1200 },
      entry: { x: 0, y: 500, width: 184, height: 200 },
      pad,
    });
    expect(v.zoom).toBe(READABLE_ZOOM);
    // The entry points start at the left of the free box, centred vertically.
    expect(v.x).toBe(pad.left + 16);
    const top = v.y + 500 * v.zoom;
    const bottom = v.y + 700 * v.zoom;
    expect(top - pad.top).toBeCloseTo(360 - pad.bottom - bottom, 5);
  });

  it('centres an axis on which everything fits at the readable zoom', () => {
    const v = fitViewport({
      width: 900,
      height: 600,
      bounds: { x: 0, y: 0, width: 2400, height: 500 },
      entry: { x: 0, y: 0, width: 184, height: 60 },
      pad,
    });
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(v.y).toBeCloseTo(pad.top + (600 - 32 - 500 * 0.6) / 2, 5);
  });

  it('an overview fits everything whatever the zoom', () => {
    const v = fitViewport({ width: 900, height: 600, bounds: { x: 0, y: 0, width: 9000, height: 6000 }, entry: null, pad, overview: true });
    expect(v.zoom).toBeLessThan(0.1);
  });
});
