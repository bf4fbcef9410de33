// The 1-second series of a run as uPlot's aligned data: x in seconds, one array per line.
import type { SimulationResult } from '../../engine/index';

export type Aligned = [number[], ...number[][]];

export function latencySeries(r: SimulationResult): Aligned {
  const pts = r.series.points;
  return [pts.map((p) => p.t / 1000), pts.map((p) => p.p50), pts.map((p) => p.p99)];
}

/** Ok and failed client requests finished per second. */
export function throughputSeries(r: SimulationResult): Aligned {
  const pts = r.series.points;
  const perSecond = 1000 / r.series.interval;
  return [pts.map((p) => p.t / 1000), pts.map((p) => p.ok * perSecond), pts.map((p) => p.failed * perSecond)];
}
