// god-service (warning): a service with 8 or more distinct synchronous neighbours (callers and
// callees of any kind together): it knows too much and everything depends on it.
import type { Rule } from '../types.js';

export const godService: Rule = {
  id: 'god-service',
  severity: 'warning',
  title: 'A service with 8 or more distinct synchronous neighbours',
  threshold: 8,
  check(a, minNeighbours) {
    return a.ids.flatMap((id) => {
      const near = a.neighbours.get(id);
      if (!a.isService(id) || !near || near.size < minNeighbours) return [];
      const list = a.ids.filter((x) => near.has(x));
      return [
        {
          nodes: [id],
          message: `"${id}" has ${near.size} distinct synchronous neighbours (${minNeighbours} or more): ${list.join(', ')}. It is a bottleneck and a single point of change for much of the system.`,
          fix: `Split "${id}" along its bounded contexts, or replace some of its synchronous calls with events so fewer services wait on it.`,
        },
      ];
    });
  },
};
