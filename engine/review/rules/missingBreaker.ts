// missing-breaker (warning): a synchronous call, gateway forward or saga step between two
// services (service, gateway or saga) with no circuit breaker.
import type { Rule, RuleHit } from '../types.js';
import { callerName, entryPath } from './callSites.js';

export const missingBreaker: Rule = {
  id: 'missing-breaker',
  severity: 'warning',
  title: 'A synchronous call between services with no circuit breaker',
  help: 'Without a circuit breaker, every request to a failing service still waits for its timeout and retries, and the failure spreads to the caller. Add a breaker (e.g. failureRate 50%, window 50, minCalls 20, openFor 30s) so the caller fails fast.',
  check(a) {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    for (const e of a.sync) {
      if (!(e.kind === 'call' || e.kind === 'route' || e.kind === 'step') || e.policy.breaker !== undefined) continue;
      if (!a.isService(e.from) || !a.isService(e.to)) continue;
      const key = `${e.from}\u0000${e.operation ?? ''}\u0000${e.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = entryPath(e);
      hits.push({
        nodes: [e.from, e.to],
        ...(at ? { at } : {}),
        message: `${callerName(e)} calls "${e.to}" with no circuit breaker: while "${e.to}" is down, every request still waits for its timeout (and retries) before failing.`,
        fix: `Add a breaker to the call, e.g. breaker: { failureRate: 50%, window: 50, minCalls: 20, openFor: 30s }, so "${e.from}" fails fast and "${e.to}" gets room to recover.`,
      });
    }
    return hits;
  },
};
