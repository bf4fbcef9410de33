// Chart layouts by chart key (machine kind + parameters + shape): a design with 100 breakers of
// the same settings lays out one chart, once. Layouts run in the engine worker (elkjs).
import { chartLayoutGraph, type ChartLayout, type StateChart } from '../../engine/index';
import { engineClient } from '../workers/engineClient';

const cache = new Map<string, Promise<ChartLayout>>();
const MAX = 200;

export function layoutChart(chart: StateChart): Promise<ChartLayout> {
  let p = cache.get(chart.key);
  if (!p) {
    p = engineClient()
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
