// deep-sync-chain (warning): a synchronous path from a client with more than 4 service-to-service
// hops, counted from the client's entry node, through the operations the calls name and leaving
// optional calls out (a request does not wait on their failure); the path is reported up to its
// last such hop.
import type { Rule } from '../types.js';
import { MAX_LISTED, type FoundPath } from '../pathSearch.js';
import { arrow, distinctPaths, listedNote } from './paths.js';

export const deepSyncChain: Rule = {
  id: 'deep-sync-chain',
  severity: 'warning',
  title: 'A synchronous path from a client longer than 4 service hops',
  help: "A client request that waits on more than 4 synchronous service hops adds up every hop's latency and failure odds and holds a worker slot at each. Serve reads from a local read model fed by events, make calls whose answer the client does not need asynchronous, or merge services that always call each other.",
  threshold: 4,
  check(a, maxHops) {
    const { paths, truncated } = a.paths({
      hop: (from, to, _attempts, first) => [!first && a.isService(from) && a.isService(to) ? 1 : 0, 1],
      countCap: maxHops + 1,
      productCap: 1,
      qualifies: (hops) => hops > maxHops,
      needed: true,
    });
    const byKey = new Map<string, FoundPath>();
    for (const p of paths) {
      const k = p.nodes.join('\u0000');
      if ((byKey.get(k)?.count ?? -1) < p.count) byKey.set(k, p);
    }
    return distinctPaths(paths.map((p) => p.nodes)).map((nodes) => {
      const p = byKey.get(nodes.join('\u0000'))!;
      const hops = p.count;
      return {
        nodes,
        message: `A request from "${nodes[0]}" waits on ${hops} synchronous service hops (more than ${maxHops}): ${arrow(p.labels)}. Latencies and failure odds add up along the chain, and every hop holds a worker slot meanwhile.${listedNote(truncated, MAX_LISTED)}`,
        fix: `Shorten the chain: let "${nodes[1]}" or the next service answer from its own data (a read model fed by events), turn calls whose answer the client does not need into async events, or merge services that always call each other.`,
      };
    });
  },
};
