// sync-fan-out (warning): a service, gateway or saga (or operation) that needs 5 or more distinct
// services, each on at least half its requests: its availability is at most the product of theirs.
import { isServiceLike } from '../../model/schema.js';
import type { Rule, RuleHit } from '../types.js';
import { callSitesOf, siteName } from './callSites.js';

const pct = (x: number) => `${(x * 100).toFixed(x > 0.9999 ? 3 : 2)}%`;

export const syncFanOut: Rule = {
  id: 'sync-fan-out',
  severity: 'warning',
  title: 'A service that needs 5 or more services on most of its requests',
  help: 'A request that needs many services at once fails when any of them fails: with n dependencies at 99.9% each, it succeeds at most 0.999^n of the time, and its latency is the slowest of them. Make the calls the answer can do without optional (with a fallback), serve data from a local read model fed by events, or split the operation.',
  threshold: 5,
  check(a, minServices) {
    const hits: RuleHit[] = [];
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (!isServiceLike(n)) continue;
      // A saga's steps are what it needs; so are a gateway's routes (one per request: not counted).
      const sites = callSitesOf(id, n);
      for (const site of sites) {
        const need = new Map<string, number>();
        for (const c of site.calls) {
          if (c.async || c.optional || !a.isService(c.to)) continue;
          need.set(c.to, (need.get(c.to) ?? 0) + c.probability);
        }
        if (n.kind === 'saga' && site === sites[0])
          for (const s of n.steps) if (a.isService(s.to)) need.set(s.to, (need.get(s.to) ?? 0) + 1);
        const needed = [...need].filter(([, p]) => p >= 0.5).map(([to]) => to);
        if (needed.length < minServices) continue;
        const bound = 0.999 ** needed.length;
        const fromDesign = needed.reduce((s, to) => {
          const t = a.nodes.get(to)!;
          return s * (1 - ('errorRate' in t ? t.errorRate : 0));
        }, 1);
        hits.push({
          nodes: [id, ...needed],
          message: `${siteName(site)} needs ${needed.length} services on most of its requests (${needed.join(', ')}): it succeeds only when all of them do, at most 0.999^${needed.length} = ${pct(bound)} if each is up 99.9% of the time (${pct(fromDesign)} from the design's error rates), and waits for the slowest.`,
          fix: `Mark the calls the answer can do without optional: true (render without them), serve the rest from a local read model fed by events, or split ${siteName(site)} so each part needs fewer than ${minServices} services.`,
        });
      }
    }
    return hits;
  },
};
