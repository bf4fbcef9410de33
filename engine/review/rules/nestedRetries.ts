// nested-retries (warning): two or more hops of one client path (the client's entry included)
// retry, and the attempts multiply to 10 or less (past 10, retry-amplification reports it).
import type { Rule } from '../types.js';
import { MAX_LISTED, type FoundPath } from '../pathSearch.js';
import { distinctPaths, listedNote, retryChain, retryHop } from './paths.js';

export const nestedRetries: Rule = {
  id: 'nested-retries',
  severity: 'warning',
  title: 'Two or more hops of one client path retry',
  help: 'When two layers of one request path both retry, a failure deep down is retried at each layer: the tries multiply and the outer layer retries calls the inner one already retried, while the client waits through every backoff. Retry at one layer only (usually the one nearest the failing callee) and let the others fail fast behind breakers.',
  threshold: 10,
  check(a, maxProduct) {
    const { paths, truncated } = a.paths({
      hop: retryHop,
      countCap: 2,
      productCap: maxProduct + 1,
      qualifies: (count, product) => count >= 2 && product <= maxProduct,
    });
    const byKey = new Map<string, FoundPath>();
    for (const p of paths) if (!byKey.has(p.nodes.join('\u0000'))) byKey.set(p.nodes.join('\u0000'), p);
    return distinctPaths(paths.map((p) => p.nodes)).map((nodes) => {
      const p = byKey.get(nodes.join('\u0000'))!;
      const layers = p.attempts.filter((x) => x > 1).length;
      return {
        nodes,
        message: `${layers} hops of one request from "${nodes[0]}" retry: ${retryChain(p)}, up to ${p.product} tries of "${nodes[nodes.length - 1]}" per request. Each layer retries what the layer below already retried, and the client waits through all the backoffs.${listedNote(truncated, MAX_LISTED)}`,
        fix: `Keep the retries at one hop (the one nearest "${nodes[nodes.length - 1]}") and set attempts: 1 on the other ${layers - 1}, with a breaker there to fail fast.`,
      };
    });
  },
};
