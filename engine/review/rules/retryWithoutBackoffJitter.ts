// retry-without-backoff-jitter (warning): a call with attempts > 1 and a backoff under 10 ms or
// `jitter: none`: the retries of many callers land together (synchronized retries).
import { isServiceLike } from '../../model/schema.js';
import type { CallPolicy } from '../../model/schema.js';
import type { Rule, RuleHit } from '../types.js';
import { callSitesOf, ms, siteName } from './callSites.js';

export const retryWithoutBackoffJitter: Rule = {
  id: 'retry-without-backoff-jitter',
  severity: 'warning',
  title: 'A retry with almost no backoff or without jitter',
  help: 'Retries that come back at once (a backoff under 10 ms) or at the same moments for every caller (no jitter) hit a struggling service in synchronized waves and keep it down. Use exponential backoff from 50-100 ms with multiplier 2 and jitter: full.',
  check(a) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    const check = (from: string, where: string, to: string, p: CallPolicy) => {
      const r = p.retry;
      if (!r || r.attempts <= 1 || (r.backoff >= 10 && r.jitter !== 'none')) return;
      const key = `${where}\u0000${to}`;
      if (seen.has(key)) return;
      seen.add(key);
      const why = [r.backoff < 10 ? `a backoff of ${ms(r.backoff)}` : '', r.jitter === 'none' ? 'no jitter' : '']
        .filter(Boolean)
        .join(' and ');
      hits.push({
        nodes: [from, to],
        message: `${where} retries "${to}" up to ${r.attempts} times with ${why} (backoff ${ms(r.backoff)}, multiplier ${r.multiplier}, jitter ${r.jitter}): every caller's retries land at the same moments, in waves that keep "${to}" down.`,
        fix: `Set retry: { attempts: ${r.attempts}, backoff: ${Math.max(50, r.backoff)}ms, multiplier: 2, jitter: full } on this call.`,
      });
    };
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (n.kind === 'client') for (const r of n.requests) check(id, `client "${id}"`, r.to, r);
      if (!isServiceLike(n)) continue;
      for (const site of callSitesOf(id, n)) for (const c of site.calls) if (!c.async) check(id, siteName(site), c.to, c);
    }
    for (const e of a.sync) if (e.kind === 'route' || e.kind === 'step') check(e.from, `"${e.from}"`, e.to, e.policy);
    return hits;
  },
};
