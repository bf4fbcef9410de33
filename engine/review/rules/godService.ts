// god-service (warning): a service with 8 or more distinct synchronous neighbours (callers and
// callees of any kind together): it knows too much and everything depends on it.
import type { Rule } from '../types.js';

export const godService: Rule = {
  id: 'god-service',
  severity: 'warning',
  title: 'A service with 8 or more distinct synchronous neighbours',
  help: 'A service with 8 or more distinct synchronous neighbours (callers and callees) is a bottleneck and a single point of change. Split it along its bounded contexts, or replace some synchronous calls with events.',
  threshold: 8,
  check(a, minNeighbours) {
    return a.ids.flatMap((id) => {
      const near = a.neighbours.get(id);
      if (!a.isService(id) || !near || near.size < minNeighbours) return [];
      const list = [...near].sort((x, y) => a.rank(x) - a.rank(y));
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
