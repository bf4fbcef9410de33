// deep-sync-chain (warning): a synchronous path from a client with more than 4 service-to-service
// hops, counted from the client's entry node; the path is reported up to its last such hop.
import type { Rule } from '../types.js';
import { arrow, distinctPaths } from './paths.js';

export const deepSyncChain: Rule = {
  id: 'deep-sync-chain',
  severity: 'warning',
  title: 'A synchronous path from a client longer than 4 service hops',
  threshold: 4,
  check(a, maxHops) {
    const long: string[][] = [];
    for (const p of a.clientPaths) {
      let hops = 0;
      let last = -1;
      for (let i = 1; i + 1 < p.nodes.length; i++)
        if (a.isService(p.nodes[i]!) && a.isService(p.nodes[i + 1]!)) {
          hops++;
          last = i + 1;
        }
      if (hops > maxHops) long.push(p.nodes.slice(0, last + 1));
    }
    return distinctPaths(long).map((nodes) => {
      const hops = nodes.slice(1).filter((id, i, xs) => i + 1 < xs.length && a.isService(id) && a.isService(xs[i + 1]!)).length;
      return {
        nodes,
        message: `A request from "${nodes[0]}" waits on ${hops} synchronous service hops (more than ${maxHops}): ${arrow(nodes)}. Latencies and failure odds add up along the chain, and every hop holds a worker slot meanwhile.`,
        fix: `Shorten the chain: let "${nodes[1]}" or the next service answer from its own data (a read model fed by events), turn calls whose answer the client does not need into async events, or merge services that always call each other.`,
      };
    });
  },
};
