// retry-amplification (warning): along a synchronous path (client retries included), the product
// of retry attempts exceeds 10: when the deepest callee fails, one client request becomes that
// many tries of it (a retry storm). The path is reported up to its last retrying hop.
import type { Rule } from '../types.js';
import { MAX_LISTED, type FoundPath } from '../pathSearch.js';
import { distinctPaths, listedNote, retryChain, retryHop } from './paths.js';

export const retryAmplification: Rule = {
  id: 'retry-amplification',
  severity: 'warning',
  title: 'Retry attempts along a synchronous path multiply past 10',
  help: 'When retry attempts along one synchronous path multiply past 10, one client request becomes that many tries of the deepest callee when it fails: a retry storm that keeps it down. Retry at one layer only, with 2-3 attempts, backoff and jitter, and rely on breakers elsewhere.',
  threshold: 10,
  check(a, maxProduct) {
    const { paths, truncated } = a.paths({
      hop: retryHop,
      countCap: 1,
      productCap: maxProduct + 1,
      qualifies: (_n, product) => product > maxProduct,
    });
    const byKey = new Map<string, FoundPath>();
    for (const p of paths) {
      const k = p.nodes.join('\u0000');
      if ((byKey.get(k)?.product ?? 0) < p.product) byKey.set(k, p);
    }
    return distinctPaths(paths.map((p) => p.nodes)).map((nodes) => {
      const p = byKey.get(nodes.join('\u0000'))!;
      return {
        nodes,
        message: `Retries multiply to ${p.product} tries (more than ${maxProduct}) of "${nodes[nodes.length - 1]}" for one request from "${nodes[0]}" when it fails: ${retryChain(p)}. A brief outage becomes a retry storm that keeps it down.${listedNote(truncated, MAX_LISTED)}`,
        fix: `Retry at one layer only (usually the one nearest the failing callee) with 2-3 attempts, exponential backoff and jitter; elsewhere set attempts: 1 and rely on breakers to fail fast.`,
      };
    });
  },
};
