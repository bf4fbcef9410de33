// Chart layouts by chart key (machine kind + parameters + shape): a design with 100 breakers of
// the same settings lays out one chart, once. A saga's grid (chartGrid.ts) is placed here, at
// once; the other charts are laid out in the engine worker (elkjs).
import { chartLayoutGraph, gridLayout, type ChartLayout, type StateChart } from '../../engine/index';
import { engineClient } from '../workers/engineClient';

const cache = new Map<string, Promise<ChartLayout>>();
const MAX = 200;

export function layoutChart(chart: StateChart): Promise<ChartLayout> {
  let p = cache.get(chart.key);
  if (!p) {
    const grid = gridLayout(chart);
    p = grid
      ? Promise.resolve(grid)
      : engineClient()
          .request({ type: 'layoutChart', graph: chartLayoutGraph(chart) })
          .then((r) => r.layout);
    p.catch(() => cache.delete(chart.key));
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
    cache.set(chart.key, p);
  }
  return p;
}

/** Layouts asked for so far (the e2e test reads it to see the cache work). */
export const layoutCount = () => cache.size;
