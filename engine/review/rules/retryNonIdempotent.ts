// retry-non-idempotent (warning): a call with attempts > 1 to a POST or PATCH operation (its
// `op`, or, without `op`, a callee whose every endpoint is POST/PATCH), unless the call is
// `idempotent: true` (it sends an idempotency key): a retry after a lost answer does it twice.
import { isServiceLike, type DesignNode } from '../../model/schema.js';
import type { Rule, RuleHit } from '../types.js';
import { callSitesOf, siteName } from './callSites.js';

const UNSAFE = /^(POST|PATCH)\s/;

function endpoints(n: DesignNode | undefined): string[] {
  if (!n || !isServiceLike(n)) return [];
  return [...new Set([...Object.keys(n.operations ?? {}), ...n.api])];
}

export const retryNonIdempotent: Rule = {
  id: 'retry-non-idempotent',
  severity: 'warning',
  title: 'Retries of a POST or PATCH without an idempotency key',
  help: 'A retry after a timeout repeats a request whose first try may have succeeded: for a POST or PATCH (a payment, an order) that charges or creates twice. Send an idempotency key (idempotent: true on the call, and the callee deduplicates on it), or do not retry the call.',
  check(a) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    const check = (from: string, where: string, to: string, op: string | undefined, attempts: number, idempotent: boolean) => {
      if (attempts <= 1 || idempotent) return;
      const eps = endpoints(a.nodes.get(to));
      const unsafe = op !== undefined ? (UNSAFE.test(op) ? [op] : []) : eps.length && eps.every((e) => UNSAFE.test(e)) ? eps : [];
      if (!unsafe.length) return;
      const key = `${where}\u0000${to}\u0000${op ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      hits.push({
        nodes: [from, to],
        message: `${where} retries "${to}" ${op !== undefined ? `"${op}"` : `(every endpoint of it: ${unsafe.join(', ')})`} up to ${attempts} times without an idempotency key: when a try times out after "${to}" did the work, the retry does it again (${attempts - 1} extra charge${attempts > 2 ? 's' : ''} or order${attempts > 2 ? 's' : ''} at worst).`,
        fix: `Set idempotent: true on the call (the caller sends an Idempotency-Key header and "${to}" answers a repeat from its record), or set retry attempts: 1 for it.`,
      });
    };
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (!isServiceLike(n)) continue;
      for (const site of callSitesOf(id, n))
        for (const c of site.calls) if (!c.async) check(id, siteName(site), c.to, c.op, c.retry?.attempts ?? 1, c.idempotent);
      const entry = (to: string) => n.calls.find((c) => c.to === to);
      const dflt = a.design.defaults.call.retry?.attempts ?? 1;
      if (n.kind === 'gateway')
        for (const r of n.routes) check(id, `"${id}"`, r.to, r.op, entry(r.to)?.retry?.attempts ?? dflt, entry(r.to)?.idempotent ?? false);
      if (n.kind === 'saga')
        for (const s of n.steps)
          check(id, `"${id}" step "${s.name}"`, s.to, s.op, entry(s.to)?.retry?.attempts ?? dflt, entry(s.to)?.idempotent ?? false);
    }
    return hits;
  },
};
