// single-replica (warning): a service on some client's synchronous path that runs one replica
// and does not autoscale: one crash or deploy takes every path through it down. Only calls a
// request needs count (an optional call's failure does not fail it), through the operations named.
import { isServiceLike } from '../../model/schema.js';
import type { Rule } from '../types.js';
import { arrow } from './paths.js';

export const singleReplica: Rule = {
  id: 'single-replica',
  severity: 'warning',
  title: "A service on a client's synchronous path with one replica and no autoscale",
  help: "A service on a client's synchronous path with one replica and no autoscale fails those requests on every crash, node drain or rolling deploy. Run at least 2 replicas, or autoscale with min 2.",
  check(a) {
    return a.ids.flatMap((id) => {
      const n = a.nodes.get(id)!;
      if (!isServiceLike(n) || n.replicas > 1 || n.autoscale || !a.neededReachable.has(id)) return [];
      return [
        {
          nodes: [id],
          message: `"${id}" runs a single replica with no autoscale and sits on a client's synchronous path (${arrow(a.neededPath(id))}): a crash, a node drain or a rolling deploy makes those requests fail.`,
          fix: `Run at least 2 replicas of "${id}" (spread over zones), or give it autoscale with min: 2.`,
        },
      ];
    });
  },
};
