// breaker-cannot-trip (warning): a breaker that needs min(minCalls, window) calls to decide, more
// than 30 s of one caller replica's calls at the nominal load: during an outage it stays closed.
import { isServiceLike } from '../../model/schema.js';
import type { Breaker } from '../../model/schema.js';
import type { Rule, RuleHit } from '../types.js';
import { callSitesOf, siteName } from './callSites.js';

export const breakerCannotTrip: Rule = {
  id: 'breaker-cannot-trip',
  severity: 'warning',
  title: 'A breaker that needs more than 30 s of calls to decide',
  help: "Each replica's breaker decides on its own calls: one that needs min(minCalls, window) calls before it may open, when a replica makes few calls, stays closed through most of an outage. Lower minCalls and window to what one replica sends in a few seconds, or use fewer, busier replicas.",
  threshold: 30,
  check(a, maxSeconds) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (const id of a.ids) {
      const n = a.nodes.get(id)!;
      if (!isServiceLike(n)) continue;
      const arrival = a.load.arrivals.get(id) ?? 0;
      const replicas = n.autoscale ? Math.max(n.replicas, n.autoscale.min) : n.replicas;
      if (arrival <= 0) continue;
      const check = (where: string, to: string, perRequest: number, b: Breaker | undefined) => {
        if (!b || perRequest <= 0) return;
        const needs = Math.min(b.minCalls, b.window);
        const rate = (arrival * perRequest) / replicas;
        const seconds = needs / rate;
        if (!(seconds > maxSeconds)) return;
        const key = `${where}\u0000${to}`;
        if (seen.has(key)) return;
        seen.add(key);
        const fit = Math.max(5, Math.floor(rate * 10));
        hits.push({
          nodes: [id, to],
          message: `The breaker of ${where}'s calls to "${to}" decides after ${needs} calls (min of minCalls ${b.minCalls} and window ${b.window}), but one of ${replicas} replica${replicas === 1 ? '' : 's'} makes only ${rate < 0.1 ? rate.toFixed(3) : rate.toFixed(1)} calls/s to it at the nominal load: ${Math.round(seconds)} s (over ${maxSeconds} s) before it can open, so it stays closed through most outages.`,
          fix: `Lower the breaker's minCalls and window to about ${fit} (10 s of one replica's calls), e.g. breaker: { minCalls: ${fit}, window: ${Math.max(fit, 10)} }, or run fewer, busier replicas.`,
        });
      };
      for (const site of callSitesOf(id, n)) {
        const per = new Map<string, { p: number; breaker: Breaker | undefined }>();
        // An operation's calls are made at the rate that operation runs (load.ts), not the node's.
        const opArrival = site.op !== undefined ? a.load.operations.get(id)?.get(site.op) : undefined;
        const share = opArrival !== undefined ? opArrival / arrival : site.op !== undefined ? 0 : 1;
        for (const c of site.calls) {
          if (c.async) continue;
          const e = per.get(c.to) ?? { p: 0, breaker: c.breaker };
          e.p += c.probability * share;
          per.set(c.to, e);
        }
        for (const [to, e] of per) check(siteName(site), to, e.p, e.breaker);
      }
      const out = a.syncOut.get(id) ?? [];
      for (const e of out)
        if (e.kind === 'route' || e.kind === 'step') {
          const forwards = out.filter((x) => x.kind === e.kind).length;
          check(`"${id}"`, e.to, e.kind === 'route' ? 1 / Math.max(1, forwards) : 1, e.policy.breaker);
        }
    }
    return hits;
  },
};
