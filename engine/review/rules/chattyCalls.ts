// chatty-calls (warning): one caller (or operation) makes 3 or more synchronous calls to one
// callee per request, summing `probability` over its calls to it (the N+1 pattern).
import { isServiceLike } from '../../model/schema.js';
import type { Rule, RuleHit } from '../types.js';
import { callSitesOf, siteName } from './callSites.js';

export const chattyCalls: Rule = {
  id: 'chatty-calls',
  severity: 'warning',
  title: 'Three or more synchronous calls to one callee per request (N+1)',
  help: 'A caller that calls the same service several times per request (one call per item: N+1) pays the network, the queueing and the failure odds each time. Add a batch endpoint that answers for all items at once, cache the answers, or keep a local copy of the data fed by events.',
  threshold: 3,
  check(a, minCalls) {
    const hits: RuleHit[] = [];
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (!isServiceLike(n)) continue;
      for (const site of callSitesOf(id, n)) {
        const per = new Map<string, { sum: number; count: number }>();
        for (const c of site.calls) {
          if (c.async) continue;
          const p = per.get(c.to) ?? { sum: 0, count: 0 };
          p.sum += c.probability;
          p.count++;
          per.set(c.to, p);
        }
        for (const [to, p] of per) {
          if (p.sum < minCalls - 1e-9) continue;
          const calls = Math.round(p.sum * 100) / 100;
          hits.push({
            nodes: [id, to],
            message: `${siteName(site)} calls "${to}" ${calls} times per request (${p.count} synchronous call${p.count === 1 ? '' : 's'} in its list, probabilities summed; ${minCalls} or more): each call pays the network, "${to}"'s queue and its failure odds again (N+1).`,
            fix: `Give "${to}" a batch endpoint (e.g. "GET /items?ids=...") and call it once per request, or cache its answers in ${siteName(site)}.`,
          });
        }
      }
    }
    return hits;
  },
};
