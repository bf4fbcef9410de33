// retry-amplification (warning): along a synchronous path (client retries included), the product
// of retry attempts exceeds 10: when the deepest callee fails, one client request becomes that
// many tries of it (a retry storm). The path is reported up to its last retrying hop.
import type { Rule } from '../types.js';
import { distinctPaths } from './paths.js';

export const retryAmplification: Rule = {
  id: 'retry-amplification',
  severity: 'warning',
  title: 'Retry attempts along a synchronous path multiply past 10',
  threshold: 10,
  check(a, maxProduct) {
    const attemptsOf = new Map<string, number[]>();
    const stormy: string[][] = [];
    for (const p of a.clientPaths) {
      let last = -1;
      p.attempts.forEach((n, i) => {
        if (n > 1) last = i;
      });
      if (last < 0) continue;
      const attempts = p.attempts.slice(0, last + 1);
      if (attempts.reduce((x, y) => x * y, 1) <= maxProduct) continue;
      const nodes = p.nodes.slice(0, last + 2);
      stormy.push(nodes);
      attemptsOf.set(nodes.join('\u0000'), attempts);
    }
    return distinctPaths(stormy).map((nodes) => {
      const attempts = attemptsOf.get(nodes.join('\u0000'))!;
      const product = attempts.reduce((x, y) => x * y, 1);
      const chain = nodes.map((id, i) => (i < attempts.length ? `${id} -(${attempts[i]}x)-> ` : id)).join('');
      return {
        nodes,
        message: `Retries multiply to ${product} tries (more than ${maxProduct}) of "${nodes[nodes.length - 1]}" for one request from "${nodes[0]}" when it fails: ${chain}. A brief outage becomes a retry storm that keeps it down.`,
        fix: `Retry at one layer only (usually the one nearest the failing callee) with 2-3 attempts, exponential backoff and jitter; elsewhere set attempts: 1 and rely on breakers to fail fast.`,
      };
    });
  },
};
