// capacity (error): at the nominal client rates, the offered load computed along the paths
// (load.ts: retries, fan-out, routes, versions) reaches a node's capacity.
import type { Rule } from '../types.js';

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export const capacity: Rule = {
  id: 'capacity',
  severity: 'error',
  title: "A node's offered load reaches its capacity at the nominal client rates",
  help: "At the nominal client rates (retries and fan-out counted) the node's utilization, arrival rate x mean own latency / (replicas x concurrency), reaches 1: requests queue without bound and are rejected. Add replicas or concurrency, cut the node's own latency, put a cache in front, or cut the calls and retries that reach it.",
  threshold: 1,
  check(a, maxUtilization) {
    const hits = [];
    for (const [id, l] of a.load.nodes) {
      if (!(l.utilization >= maxUtilization)) continue;
      const n = a.nodes.get(id)!;
      const slots =
        n.kind === 'database' || n.kind === 'cache' ? `${l.slots} connections` : `${l.slots} worker slots (replicas x concurrency)`;
      const scaled = 'autoscale' in n && n.autoscale;
      const headroom =
        scaled && l.utilizationAtMax !== undefined
          ? l.utilizationAtMax < maxUtilization
            ? ` Autoscale may add replicas up to ${n.autoscale!.max} (${l.slotsAtMax} slots, utilization ${round(l.utilizationAtMax)}), but only after startup and while it keeps up: until then requests queue and are rejected.`
            : ` Even at autoscale.max ${n.autoscale!.max} (${l.slotsAtMax} slots) utilization stays ${Number.isFinite(l.utilizationAtMax) ? round(l.utilizationAtMax) : 'unbounded'}.`
          : '';
      const util = Number.isFinite(l.utilization) ? `${round(l.utilization)} (${Math.round(l.utilization * 100)}%)` : 'unbounded';
      const version = l.version ? ` (version ${l.version})` : '';
      const lat = Number.isFinite(l.meanLatency) ? `${round(l.meanLatency)} ms` : 'an unbounded mean (pareto alpha <= 1)';
      // Enough capacity to run at 70%, the usual autoscaling target.
      const factor = Number.isFinite(l.utilization) ? l.utilization / 0.7 : Infinity;
      const more =
        n.kind === 'database' || n.kind === 'cache'
          ? `raise connections to at least ${Number.isFinite(factor) ? Math.ceil(l.slots * factor) : 'far more'}, put a cache or read replicas in front, or cut the calls to it`
          : `run at least ${Number.isFinite(factor) ? Math.ceil((l.slots * factor) / ('concurrency' in n ? n.concurrency : 1)) : 'far more'} replicas${version} (${scaled ? 'raise replicas and autoscale.min to that' : 'or autoscale with min at that'}), raise concurrency, or cut its own latency`;
      // With operations, each brings its own rate x its own latency: say which weighs most.
      const ops = [...(l.operations ?? [])].filter((o) => o.arrival > 0).sort((x, y) => y.utilization - x.utilization);
      const perOp = ops.length
        ? ` (per operation: ${ops.map((o) => `${o.name} ${round(o.arrival, 1)} req/s x ${Number.isFinite(o.meanLatency) ? `${round(o.meanLatency)} ms` : 'an unbounded mean'}`).join(', ')})`
        : '';
      const heaviest =
        ops.length > 1 && Number.isFinite(l.utilization) && l.utilization > 0
          ? `; operation ${ops[0]!.name} brings ${Math.round((ops[0]!.utilization / l.utilization) * 100)}% of the load`
          : '';
      hits.push({
        nodes: [id],
        message: `"${id}"${version} is saturated at the nominal client rates: utilization ${util} = ${round(l.arrival, 1)} req/s (retries and fan-out counted) x mean own latency ${lat}${perOp} / ${slots}. Requests queue without bound and are rejected.${headroom}`,
        fix: `Give "${id}" headroom: ${more}${heaviest}; fewer retries upstream also cut its load.`,
      });
    }
    return hits;
  },
};
