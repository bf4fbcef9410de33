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

/** A node's own series (simulation.md "Results, continued"), or null when it had no arrivals. */
export function nodeLoadSeries(r: SimulationResult, id: string): { utilization: Aligned; counts: Aligned; backlog: boolean } | null {
  const s = r.nodes[id]?.series;
  if (!s) return null;
  const t = s.utilization.map((_, i) => (i * r.series.interval) / 1000);
  const backlog = s.backlog.some((b) => b > 0);
  return {
    utilization: [t, s.utilization.map((u) => u * 100)],
    counts: backlog ? [t, s.inFlight, s.replicas, s.backlog] : [t, s.inFlight, s.replicas],
    backlog,
  };
}
